import type { Principal } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import { assertCanGrant, assertCanManageMembers, assertNodeAdmin, type NodeScope } from './identity-access.js';

const scope: NodeScope = { nodeCode: '360000', rootOrganisationId: 'root' };
const principal = (roles: Principal['roles'], organisationId: string, nodeCode = '360000'): Principal => ({
  subject: 'u1',
  kind: 'user',
  organisationId,
  nodeCode,
  roles,
  // The root organisation is always an authority organisation; the issuer says so in the token.
  authority: organisationId === 'root',
});

function statusOf(action: () => void): number | 'ok' {
  try {
    action();
    return 'ok';
  } catch (error) {
    if (error instanceof GovdataError) return error.httpStatus;
    throw error;
  }
}

describe('分域分级 access rules', () => {
  it('lets a node-admin of the root organisation manage any organisation', () => {
    expect(statusOf(() => assertCanManageMembers(principal(['node-admin'], 'root'), scope, 'org-b'))).toBe('ok');
  });

  it('keeps a data-admin inside their own organisation', () => {
    const admin = principal(['data-admin'], 'org-a');
    expect(statusOf(() => assertCanManageMembers(admin, scope, 'org-a'))).toBe('ok');
    expect(statusOf(() => assertCanManageMembers(admin, scope, 'org-b'))).toBe(403);
  });

  it('refuses roles without management rights and tokens of another node', () => {
    expect(statusOf(() => assertCanManageMembers(principal(['catalog-editor'], 'org-a'), scope, 'org-a'))).toBe(403);
    expect(statusOf(() => assertCanManageMembers(principal(['node-admin'], 'root', '360100'), scope, 'org-a'))).toBe(
      403,
    );
    expect(statusOf(() => assertNodeAdmin(principal(['node-admin'], 'org-a'), scope))).toBe(403);
  });

  it('grants node-admin only by a node-admin and only in the root organisation', () => {
    const nodeAdmin = principal(['node-admin'], 'root');
    const dataAdmin = principal(['data-admin'], 'root');
    expect(statusOf(() => assertCanGrant(nodeAdmin, scope, { id: 'root', isRoot: true }, ['node-admin']))).toBe('ok');
    expect(statusOf(() => assertCanGrant(nodeAdmin, scope, { id: 'org-a', isRoot: false }, ['node-admin']))).toBe(422);
    expect(statusOf(() => assertCanGrant(dataAdmin, scope, { id: 'root', isRoot: true }, ['node-admin']))).toBe(403);
    expect(statusOf(() => assertCanGrant(dataAdmin, scope, { id: 'root', isRoot: true }, ['catalog-editor']))).toBe(
      'ok',
    );
    // data-admin of an authority organisation is a node-level role: only a node-admin grants it.
    expect(statusOf(() => assertCanGrant(dataAdmin, scope, { id: 'root', isRoot: true }, ['data-admin']))).toBe(403);
  });

  it('keeps a department data-admin to organisation-level roles of its own department', () => {
    const departmentAdmin = principal(['data-admin'], 'org-a');
    const department = { id: 'org-a', isRoot: false };
    for (const role of ['catalog-editor', 'data-admin', 'api-consumer', 'demand-applicant'] as const) {
      expect(statusOf(() => assertCanGrant(departmentAdmin, scope, department, [role]))).toBe('ok');
    }
    for (const role of ['operator', 'catalog-reviewer', 'auditor', 'node-admin'] as const) {
      expect(statusOf(() => assertCanGrant(departmentAdmin, scope, department, [role]))).toBe(403);
    }
    expect(
      statusOf(() => assertCanGrant(departmentAdmin, scope, { id: 'org-b', isRoot: false }, ['api-consumer'])),
    ).toBe(403);
    const nodeAdmin = principal(['node-admin'], 'root');
    expect(statusOf(() => assertCanGrant(nodeAdmin, scope, department, ['operator']))).toBe(422);
    expect(statusOf(() => assertCanGrant(nodeAdmin, scope, { ...department, authority: true }, ['operator']))).toBe(
      'ok',
    );
  });
});
