/**
 * What the gateway answers about the node and the signed-in person. Mirrors MeResponse
 * (libs/gateway/identity me.controller.ts) and NodeStatus (libs/gateway/node), which the OpenAPI
 * documents do not describe yet.
 */
export interface Principal {
  subject: string;
  kind: 'user' | 'service';
  organisationId: string;
  nodeCode: string;
  roles: string[];
  /** Held in an authority organisation (数据主管部门): node-level roles take effect. */
  authority?: boolean;
  name?: string;
}

export interface Me {
  principal: Principal;
  user: {
    id: string;
    username: string;
    displayName: string;
    roles: string[];
    grants: Array<{ role: string; organisationId: string }>;
  } | null;
  organisation: { id: string; name: string; uscc: string; isRoot: boolean } | null;
}

export type ServiceState = 'ready' | 'starting' | 'down';

export interface NodeStatus {
  code: string;
  name: string;
  level: string;
  parent: string | null;
  services: Record<string, ServiceState>;
}

/** An organisation of the node as `GET /organisations` lists it. */
export interface OrganisationSummary {
  id: string;
  name: string;
  uscc: string;
}
