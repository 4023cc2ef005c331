import { describe, expect, it } from 'vitest';
import {
  PERMISSIONS,
  ROLE_SCOPES,
  can,
  grantRefusal,
  mayAttempt,
  scopeOf,
  type GrantTarget,
  type Permission,
  type PermissionRule,
} from './policy.js';
import { ROLES, type Principal, type Role } from './principal.js';

const NODE = '360000';
const OWN = 'org-own';
const OTHER = 'org-other';

function holder(role: Role, where: { authority: boolean; nodeCode?: string }): Principal {
  return {
    subject: `user:${role}`,
    kind: 'user',
    organisationId: OWN,
    nodeCode: where.nodeCode ?? NODE,
    roles: [role],
    authority: where.authority,
  };
}

const permissions = Object.keys(PERMISSIONS) as Permission[];
const rule = (p: Permission): PermissionRule => PERMISSIONS[p];

describe('permission table (分域分级)', () => {
  it('gives every role a scope, and node-level scope only to the roles of the model', () => {
    const nodeLevel = ROLES.filter((r) => ROLE_SCOPES[r].includes('node'));
    expect(nodeLevel.sort()).toEqual(['auditor', 'catalog-reviewer', 'data-admin', 'node-admin', 'operator']);
  });

  it('names only roles that can take effect at the scope a rule gives them', () => {
    for (const p of permissions) {
      for (const r of rule(p).node ?? []) expect(ROLE_SCOPES[r], `${p} node ${r}`).toContain('node');
      for (const r of rule(p).organisation ?? []) expect(ROLE_SCOPES[r], `${p} org ${r}`).toContain('organisation');
    }
  });

  // Every role × permission × scope cell is what the table says.
  for (const role of ROLES) {
    it(`decides every permission for ${role} as the table says`, () => {
      for (const p of permissions) {
        const r = rule(p);
        const everyone = !!r.anyone || !!r.members;
        const nodeCell = everyone || (r.node ?? []).includes(role);
        const orgCell = everyone || (r.organisation ?? []).includes(role);
        const userKind = !r.kinds || r.kinds.includes('user');
        const inAuthority = holder(role, { authority: true });
        const inDepartment = holder(role, { authority: false });
        const otherNode = holder(role, { authority: true, nodeCode: '360100' });

        // Guard level: may the caller ask at all?
        expect(mayAttempt(inAuthority, p, NODE), `${p} ${role} authority`).toBe(userKind && (nodeCell || orgCell));
        expect(mayAttempt(inDepartment, p, NODE), `${p} ${role} department`).toBe(
          userKind && (everyone || (r.organisation ?? []).includes(role)),
        );
        expect(mayAttempt(otherNode, p, NODE), `${p} ${role} other node`).toBe(userKind && !!r.anyone);
        expect(mayAttempt({ ...inDepartment, kind: 'service' }, p, NODE), `${p} ${role} service`).toBe(
          (!r.kinds || r.kinds.includes('service')) && (everyone || (r.organisation ?? []).includes(role)),
        );

        // Target level: node-wide, own organisation, another organisation.
        const nodeWide = userKind && (r.node ?? []).includes(role);
        const ownOrg = userKind && (r.organisation ?? []).includes(role);
        expect(can(inAuthority, p, { nodeCode: NODE }), `${p} ${role} node-wide`).toBe(nodeWide);
        expect(can(inAuthority, p, { nodeCode: NODE, organisationId: OTHER }), `${p} ${role} other org`).toBe(nodeWide);
        expect(can(inDepartment, p, { nodeCode: NODE }), `${p} ${role} dept node-wide`).toBe(false);
        expect(can(inDepartment, p, { nodeCode: NODE, organisationId: OWN }), `${p} ${role} dept own`).toBe(ownOrg);
        expect(can(inDepartment, p, { nodeCode: NODE, organisationId: OTHER }), `${p} ${role} dept other`).toBe(false);
        expect(can(otherNode, p, { nodeCode: NODE, organisationId: OWN }), `${p} ${role} other node`).toBe(false);
        expect(scopeOf(inAuthority, p, { nodeCode: NODE, organisationId: OWN })).toBe(
          nodeWide ? 'node' : ownOrg ? 'organisation' : null,
        );
      }
    });
  }

  it('keeps the probe findings closed: a department data-admin is no node authority', () => {
    const departmentAdmin = holder('data-admin', { authority: false });
    for (const p of [
      'catalog.entry.publish',
      'catalog.entry.read-all',
      'catalog.settings.write',
      'catalog.classification.write',
      'catalog.data-element.write',
      'catalog.campaign.write',
      'demand.legal-grounds.write',
    ] as const) {
      expect(mayAttempt(departmentAdmin, p, NODE), p).toBe(false);
    }
    expect(can(departmentAdmin, 'catalog.entry.retire', { nodeCode: NODE, organisationId: OTHER })).toBe(false);
    expect(mayAttempt(holder('catalog-reviewer', { authority: false }), 'catalog.entry.review', NODE)).toBe(false);
    expect(mayAttempt(holder('operator', { authority: false }), 'federation.enrolment.token', NODE)).toBe(false);
  });

  it('lets an operator run the federation but not touch catalog content, users or grants', () => {
    const operator = holder('operator', { authority: true });
    const allowed = permissions.filter((p) => !rule(p).anyone && !rule(p).members && mayAttempt(operator, p, NODE));
    expect(allowed.every((p) => p.startsWith('federation.'))).toBe(true);
    expect(allowed).toContain('federation.enrolment.token');
  });
});

describe('grant table', () => {
  const root: GrantTarget = { nodeCode: NODE, organisationId: 'root', authority: true, isRoot: true };
  const authority: GrantTarget = { nodeCode: NODE, organisationId: 'bureau', authority: true, isRoot: false };
  const department: GrantTarget = { nodeCode: NODE, organisationId: OWN, authority: false, isRoot: false };
  const otherDepartment: GrantTarget = { ...department, organisationId: OTHER };

  const nodeAdmin: Principal = { ...holder('node-admin', { authority: true }), organisationId: 'root' };
  const foreignNodeAdmin: Principal = { ...nodeAdmin, nodeCode: '360100' };
  const departmentAdmin = holder('data-admin', { authority: false });
  const authorityAdmin: Principal = { ...holder('data-admin', { authority: true }), organisationId: 'bureau' };

  /** What the table must say: status of the refusal, or 'ok'. */
  function expected(granter: Principal, role: Role, target: GrantTarget): 403 | 422 | 'ok' {
    const isNodeAdmin = granter === nodeAdmin;
    const nodeLevel = !ROLE_SCOPES[role].includes('organisation') || (role === 'data-admin' && target.authority);
    if (nodeLevel) {
      if (!isNodeAdmin) return 403;
      if (role === 'node-admin' && !target.isRoot) return 422;
      return target.authority ? 'ok' : 422;
    }
    if (isNodeAdmin) return 'ok';
    const ownDataAdmin =
      granter.nodeCode === NODE &&
      granter.organisationId === target.organisationId &&
      granter.roles.includes('data-admin');
    return ownDataAdmin ? 'ok' : 403;
  }

  const granters = { nodeAdmin, foreignNodeAdmin, departmentAdmin, authorityAdmin };
  const targets = { root, authority, department, otherDepartment };
  for (const [granterName, granter] of Object.entries(granters)) {
    it(`decides every role in every organisation for ${granterName}`, () => {
      for (const role of ROLES) {
        for (const [targetName, target] of Object.entries(targets)) {
          const refusal = grantRefusal(granter, role, target);
          expect(refusal?.status ?? 'ok', `${granterName} grants ${role} in ${targetName}`).toBe(
            expected(granter, role, target),
          );
        }
      }
    });
  }

  it('never lets an account grant a role it does not hold at a scope it does not hold', () => {
    for (const granter of [departmentAdmin, authorityAdmin]) {
      for (const role of ROLES.filter((r) => r !== 'data-admin')) {
        for (const target of [root, authority, department, otherDepartment]) {
          const scope = !ROLE_SCOPES[role].includes('organisation') ? 'node' : 'organisation';
          if (scope === 'node') expect(grantRefusal(granter, role, target)?.status).toBe(403);
        }
      }
    }
  });
});
