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

  it("lists each area's pages by role: the review queue for those who review or publish, settings for data-admins", () => {
    // Everyone who works on the node sees the exchange's pages of their own organisation.
    const exchange = ['exchange', 'exchange-resources', 'exchange-grants', 'exchange-metering', 'exchange-audit'];
    const admin = { nodeCode: NODE, roles: ['node-admin'], authority: true };
    // Node administrators hold no demand role: no 供需对接 group; they run federation and 分域.
    expect(keys(menuFor(admin, NODE))).toEqual([
      'home',
      'catalog',
      'catalog-search',
      'catalog-excel',
      ...exchange,
      'federation',
      'federation-node',
      'federation-children',
      'federation-enrolments',
      'admin',
      'admin-organisations',
      'admin-users',
      'admin-service-accounts',
    ]);
    const dataAdmin = { nodeCode: NODE, roles: ['data-admin'], authority: true };
    expect(keys(menuFor(dataAdmin, NODE))).toEqual([
      'home',
      'catalog',
      'catalog-search',
      'catalog-review',
      'catalog-excel',
      'catalog-clocks',
      'catalog-settings',
      'demand',
      'demand-queue',
      ...exchange,
      'open-data',
      'open-data-reviews',
      'open-data-applications',
      'open-data-demands',
      'open-data-error-reports',
      'open-data-showcases',
      'open-data-comments',
      'admin',
      'admin-users',
      'admin-service-accounts',
    ]);
    const editor = { nodeCode: NODE, roles: ['catalog-editor'] };
    expect(keys(menuFor(editor, NODE))).toEqual([
      'home',
      'catalog',
      'catalog-search',
      'catalog-new',
      'catalog-excel',
      'catalog-clocks',
      ...exchange,
      'open-data',
      'open-data-reviews',
    ]);
  });

  it('lists 我的申请 for applicants and 待我审批 for the roles whose decisions the API queues', () => {
    const demandOf = (person: { nodeCode: string; roles: string[]; authority?: boolean }) =>
      keys(menuFor(person, NODE).filter((group) => group.key === 'demand'));
    expect(demandOf({ nodeCode: NODE, roles: ['demand-applicant', 'data-admin'], authority: false })).toEqual([
      'demand',
      'demand-mine',
    ]);
    expect(demandOf({ nodeCode: NODE, roles: ['demand-approver'] })).toEqual(['demand', 'demand-queue']);
    expect(demandOf({ nodeCode: NODE, roles: ['provider-reviewer', 'data-admin'] })).toEqual([
      'demand',
      'demand-queue',
    ]);
    const elsewhere = { nodeCode: '360000', roles: ['demand-approver', 'demand-applicant'] };
    expect(keys(menuFor(elsewhere, NODE))).toEqual(['home', 'catalog', 'catalog-search', 'catalog-excel']);
  });
});
