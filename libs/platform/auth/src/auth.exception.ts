/** Why the grant table refuses a role (`errors[].rule` of a 422; the 403 reasons are named too). */
export enum GrantRule {
  /** 403: a node-level role is granted by someone who is not a node-admin of the node. */
  NeedsNodeAdmin = 'grant-needs-node-admin',
  /** 403: an organisation-level role is granted by neither a node-admin nor that organisation's data-admin. */
  NeedsDataAdminOfOrganisation = 'grant-needs-data-admin-of-organisation',
  /** 422: node-admin is granted outside the node's root organisation. */
  NodeAdminInRootOrganisation = 'node-admin-in-root-organisation',
  /** 422: a node-level role is granted in an organisation that is not an authority organisation (数据主管部门). */
  NodeRoleInAuthorityOrganisation = 'node-role-in-authority-organisation',
}
