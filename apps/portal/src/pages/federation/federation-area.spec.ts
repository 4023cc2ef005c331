import { describe, expect, it } from 'vitest';
import { menuFor, type MenuNode } from '@/navigation/portal-menu.js';
import { FEDERATION_MENU, FEDERATION_ROUTES } from './federation-area.js';

const NODE = '360000';
const keys = (nodes: MenuNode[]): string[] => nodes.flatMap((n) => [n.key, ...keys(n.children ?? [])]);

describe('the federation area', () => {
  it('gives node-admins and operators every page, auditors what they read, others nothing', () => {
    for (const role of ['node-admin', 'operator']) {
      expect(keys(menuFor({ nodeCode: NODE, roles: [role], authority: true }, NODE, [FEDERATION_MENU]))).toEqual([
        'federation',
        'federation-node',
        'federation-children',
        'federation-enrolments',
      ]);
    }
    const auditor = { nodeCode: NODE, roles: ['auditor'], authority: true };
    expect(keys(menuFor(auditor, NODE, [FEDERATION_MENU]))).toEqual([
      'federation',
      'federation-node',
      'federation-children',
    ]);
    // The node's identity is readable by anyone; the menu keeps it to those who look after the links.
    const editor = { nodeCode: NODE, roles: ['catalog-editor'], authority: true };
    expect(menuFor(editor, NODE, [FEDERATION_MENU])).toEqual([]);
    const departmentOperator = { nodeCode: NODE, roles: ['operator'], authority: false };
    expect(menuFor(departmentOperator, NODE, [FEDERATION_MENU])).toEqual([]);
  });

  it('names a title and a permission on every page', () => {
    for (const route of FEDERATION_ROUTES) {
      expect(route.meta?.titleKey, route.path).toMatch(/^federation\./);
      expect(route.meta?.permission, route.path).toMatch(/^federation\./);
    }
  });
});
