import { describe, expect, it } from 'vitest';
import { menuFor, type MenuNode } from './portal-menu.js';

const NODE = '360100';
const keys = (nodes: MenuNode[]): string[] => nodes.flatMap((n) => [n.key, ...keys(n.children ?? [])]);

/** A menu with pages behind node-level and organisation-level permissions, to test the filtering. */
const MENU: MenuNode[] = [
  { key: 'home', labelKey: 'menu.home', to: '/', permission: 'identity.me' },
  {
    key: 'catalog',
    labelKey: 'menu.catalog',
    children: [
      { key: 'search', labelKey: 's', to: '/catalog/search', permission: 'catalog.entry.read' },
      { key: 'review', labelKey: 'r', to: '/catalog/review', permission: 'catalog.entry.review' },
    ],
  },
  {
    key: 'federation',
    labelKey: 'menu.federation',
    children: [{ key: 'children', labelKey: 'c', to: '/federation', permission: 'federation.registry.read' }],
  },
];

describe('menuFor', () => {
  it('shows a node-level page only to a holder of the role in an authority organisation', () => {
    const reviewer = { nodeCode: NODE, roles: ['catalog-reviewer'], authority: true };
    expect(keys(menuFor(reviewer, NODE, MENU))).toEqual(['home', 'catalog', 'search', 'review']);
    const departmentReviewer = { ...reviewer, authority: false };
    expect(keys(menuFor(departmentReviewer, NODE, MENU))).toEqual(['home', 'catalog', 'search']);
  });

  it('drops a group none of whose pages the person may open', () => {
    const editor = { nodeCode: NODE, roles: ['catalog-editor'] };
    expect(keys(menuFor(editor, NODE, MENU))).toEqual(['home', 'catalog', 'search']);
    const operator = { nodeCode: NODE, roles: ['operator'], authority: true };
    expect(keys(menuFor(operator, NODE, MENU))).toEqual(['home', 'catalog', 'search', 'federation', 'children']);
  });

  it('gives roles from another node nothing beyond what anyone signed in may open', () => {
    const visitor = { nodeCode: '360000', roles: ['node-admin', 'catalog-reviewer'], authority: true };
    expect(keys(menuFor(visitor, NODE, MENU))).toEqual(['home', 'catalog', 'search']);
  });

  it('lists only the pages the portal has, the review queue for those who review or publish', () => {
    const admin = { nodeCode: NODE, roles: ['node-admin'], authority: true };
    expect(keys(menuFor(admin, NODE))).toEqual(['home', 'catalog', 'catalog-search']);
    const dataAdmin = { nodeCode: NODE, roles: ['data-admin'], authority: true };
    expect(keys(menuFor(dataAdmin, NODE))).toEqual(['home', 'catalog', 'catalog-search', 'catalog-review']);
    const editor = { nodeCode: NODE, roles: ['catalog-editor'] };
    expect(keys(menuFor(editor, NODE))).toEqual(['home', 'catalog', 'catalog-search', 'catalog-new']);
  });
});
