import {
  mayAttempt as platformMayAttempt,
  PERMISSIONS,
  ROLE_SCOPES as PLATFORM_ROLE_SCOPES,
  ROLES,
} from '@govdata/platform-auth';
import { mayAttempt, PORTAL_PERMISSIONS, ROLE_SCOPES, type PortalPermission } from '../src/navigation/portal-access.js';

/**
 * The portal keeps, as data, the rules of the permissions its menu and home page need (it cannot
 * load the platform's policy module in the browser). These tests fail when the platform's table
 * changes and the portal's copy does not follow.
 */
describe("the portal's copy of the permission model", () => {
  it('has the platform rule of each permission it names, and the same role scopes', () => {
    for (const [permission, rule] of Object.entries(PORTAL_PERMISSIONS)) {
      expect(PERMISSIONS[permission as keyof typeof PERMISSIONS], permission).toEqual(rule);
    }
    expect(ROLE_SCOPES).toEqual(PLATFORM_ROLE_SCOPES);
  });

  it('decides as the gateway guard does for every single role, in and outside an authority organisation', () => {
    const thisNode = '360100';
    for (const role of ROLES) {
      for (const authority of [true, false]) {
        for (const nodeCode of [thisNode, '360000']) {
          const principal = {
            subject: 'u',
            kind: 'user' as const,
            organisationId: 'o',
            nodeCode,
            roles: [role],
            authority,
          };
          for (const permission of Object.keys(PORTAL_PERMISSIONS) as PortalPermission[]) {
            expect(mayAttempt(principal, permission, thisNode), `${role} ${authority} ${nodeCode} ${permission}`).toBe(
              platformMayAttempt(principal, permission, thisNode),
            );
          }
        }
      }
    }
  });
});
