import { describe, expect, it } from 'vitest';
import { grantableRoles, readsNodeWide } from './admin-scope.js';

const NODE = '360000';

describe('admin scope', () => {
  it('offers a node-admin every role and a data-admin only organisation-level roles', () => {
    expect(grantableRoles({ nodeCode: NODE, roles: ['node-admin'], authority: true }, NODE)).toContain('operator');
    const dataAdmin = grantableRoles({ nodeCode: NODE, roles: ['data-admin'], authority: false }, NODE);
    expect(dataAdmin).toEqual([
      'catalog-editor',
      'data-admin',
      'api-consumer',
      'demand-applicant',
      'demand-approver',
      'provider-reviewer',
    ]);
    expect(dataAdmin).not.toContain('node-admin');
  });

  it('offers nothing to those who manage no accounts, or whose token is of another node', () => {
    expect(grantableRoles({ nodeCode: NODE, roles: ['catalog-editor'], authority: true }, NODE)).toEqual([]);
    expect(grantableRoles({ nodeCode: '360100', roles: ['node-admin'], authority: true }, NODE)).toEqual([]);
    // node-admin held outside an authority organisation takes no effect.
    expect(grantableRoles({ nodeCode: NODE, roles: ['node-admin'], authority: false }, NODE)).toEqual([]);
  });

  it('lets node-admins and auditors read every organisation, data-admins only their own', () => {
    expect(readsNodeWide({ nodeCode: NODE, roles: ['auditor'], authority: true }, 'identity.user.read', NODE)).toBe(
      true,
    );
    expect(
      readsNodeWide({ nodeCode: NODE, roles: ['data-admin'], authority: true }, 'identity.service-account.read', NODE),
    ).toBe(false);
  });
});
