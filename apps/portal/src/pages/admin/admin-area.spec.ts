import { describe, expect, it } from 'vitest';
import { menuFor, type MenuNode } from '@/navigation/portal-menu.js';
import { ADMIN_MENU, ADMIN_ROUTES } from './admin-area.js';

const NODE = '360000';
const keys = (nodes: MenuNode[]): string[] => nodes.flatMap((n) => [n.key, ...keys(n.children ?? [])]);

describe('the admin area', () => {
  it('gives a node-admin every page, a data-admin and an auditor the accounts pages, others nothing', () => {
    const nodeAdmin = { nodeCode: NODE, roles: ['node-admin'], authority: true };
    expect(keys(menuFor(nodeAdmin, NODE, [ADMIN_MENU]))).toEqual([
      'admin',
      'admin-organisations',
      'admin-users',
      'admin-service-accounts',
    ]);
    const dataAdmin = { nodeCode: NODE, roles: ['data-admin'], authority: false };
    expect(keys(menuFor(dataAdmin, NODE, [ADMIN_MENU]))).toEqual(['admin', 'admin-users', 'admin-service-accounts']);
    const auditor = { nodeCode: NODE, roles: ['auditor'], authority: true };
    expect(keys(menuFor(auditor, NODE, [ADMIN_MENU]))).toEqual(['admin', 'admin-users', 'admin-service-accounts']);
    const editor = { nodeCode: NODE, roles: ['catalog-editor'], authority: true };
    expect(menuFor(editor, NODE, [ADMIN_MENU])).toEqual([]);
  });

  it('names a title and a permission on every page, the same the menu names', () => {
    const menu = new Map(ADMIN_MENU.children!.map((m) => [m.to, m.permission]));
    for (const route of ADMIN_ROUTES) {
      expect(route.meta?.titleKey, route.path).toMatch(/^admin\./);
      expect(route.meta?.permission, route.path).toBe(menu.get(route.path));
    }
  });
});
