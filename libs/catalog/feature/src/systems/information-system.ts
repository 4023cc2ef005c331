import type { Label } from '../entries/entry-labels.js';
import { foldScript } from '@govdata/text';

/** 建设层级 — the level of government that built the system. */
export const CONSTRUCTION_LEVELS = ['national', 'provincial', 'municipal', 'county'] as const;
export type ConstructionLevel = (typeof CONSTRUCTION_LEVELS)[number];

/** 部署方式 — where the system runs. */
export const DEPLOYMENTS = ['gov-cloud', 'own-data-centre', 'hosted', 'other'] as const;
export type Deployment = (typeof DEPLOYMENTS)[number];

/** 运行状态 — 在用 / 停用. */
export const SYSTEM_STATUSES = ['in-use', 'decommissioned'] as const;
export type SystemStatus = (typeof SYSTEM_STATUSES)[number];

export const SYSTEM_LABELS = {
  constructionLevel: {
    national: { zh: '国家级', en: 'National' },
    provincial: { zh: '省级', en: 'Provincial' },
    municipal: { zh: '市级', en: 'Municipal' },
    county: { zh: '县级', en: 'County' },
  } satisfies Record<ConstructionLevel, Label>,
  deployment: {
    'gov-cloud': { zh: '政务云', en: 'Government cloud' },
    'own-data-centre': { zh: '自建机房', en: 'Own data centre' },
    hosted: { zh: '托管机房', en: 'Hosted data centre' },
    other: { zh: '其他', en: 'Other' },
  } satisfies Record<Deployment, Label>,
  status: {
    'in-use': { zh: '在用', en: 'In use' },
    decommissioned: { zh: '停用', en: 'Decommissioned' },
  } satisfies Record<SystemStatus, Label>,
} as const;

/** 政务信息系统 — one government information system of an organisation (数据—系统). */
export interface InformationSystem {
  id: string;
  nodeCode: string;
  organisationId: string;
  name: string;
  description: string | null;
  /** 建设层级 and 建设单位. */
  constructionLevel: ConstructionLevel;
  constructionDepartment: string;
  deployment: Deployment;
  /** e.g. which cloud region or machine room. */
  deploymentDetail: string | null;
  status: SystemStatus;
  /** 联系人 */
  contact: { name: string; phone: string; email: string | null };
  version: number;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

/** Names compared the way people mean them: width, case, script and runs of spaces do not matter. */
export function systemNameKey(name: string): string {
  return foldScript(name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase());
}
