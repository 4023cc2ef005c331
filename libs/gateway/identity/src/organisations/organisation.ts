import { ORGANISATION_KIND_NAMES, type OrganisationEventV1, type OrganisationKindName } from '@govdata/contracts';

/** 组织机构类型: 政府部门, 人民政府, 事业单位, 国有企业. */
export const ORGANISATION_KINDS = ORGANISATION_KIND_NAMES;
export type OrganisationKind = OrganisationKindName;

/** 组织机构 — an organisation on this node; users and service accounts belong to one. */
export interface Organisation {
  id: string;
  nodeCode: string;
  name: string;
  /** 统一社会信用代码 (GB 32100). */
  uscc: string;
  /** 行政区划代码 (GB/T 2260). */
  regionCode: string;
  kind: OrganisationKind;
  parentId: string | null;
  /** The node's root organisation: node-admins of it manage everything on the node. */
  isRoot: boolean;
  /**
   * 数据主管部门 — an authority organisation: node-level roles held here take effect node-wide
   * (platform-auth policy.ts). The root organisation always is one; a node-admin marks others.
   */
  authority: boolean;
  /** Grows by one with every change; events carry it so receivers keep the newest. */
  version: number;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** The `identity.organisation.v1` payload for an organisation after a change. */
export function organisationEvent(action: OrganisationEventV1['action'], o: Organisation): OrganisationEventV1 {
  return {
    action,
    organisation: {
      id: o.id,
      nodeCode: o.nodeCode,
      name: o.name,
      uscc: o.uscc,
      regionCode: o.regionCode,
      kind: o.kind,
      parentId: o.parentId,
      version: o.version,
    },
  };
}
