import type { RouteRecordRaw } from 'vue-router';
import type { MenuNode } from '@/navigation/portal-menu.js';

/** The federation area's pages (lazy, as every page) and its group in the side menu. */
export const FEDERATION_ROUTES: RouteRecordRaw[] = [
  {
    path: '/federation/node',
    name: 'federation-node',
    component: () => import('./node/node-page.vue'),
    meta: { titleKey: 'federation.node.title', permission: 'federation.node.read' },
  },
  {
    path: '/federation/children',
    name: 'federation-children',
    component: () => import('./children/children-page.vue'),
    meta: { titleKey: 'federation.children.title', permission: 'federation.registry.read' },
  },
  {
    path: '/federation/children/:code',
    name: 'federation-child',
    component: () => import('./children/child-page.vue'),
    props: true,
    meta: { titleKey: 'federation.child.title', permission: 'federation.registry.read' },
  },
  {
    path: '/federation/enrolments',
    name: 'federation-enrolments',
    component: () => import('./enrolments/enrolments-page.vue'),
    meta: { titleKey: 'federation.enrolments.title', permission: 'federation.enrolment.manage' },
  },
];

export const FEDERATION_MENU: MenuNode = {
  key: 'federation',
  labelKey: 'federation.menu.group',
  children: [
    {
      key: 'federation-node',
      labelKey: 'federation.menu.node',
      to: '/federation/node',
      permission: 'federation.node.read',
      // Anyone may read the node's identity; the page is for those who look after the node's links.
      servesOnly: { node: ['node-admin', 'operator', 'auditor'] },
    },
    {
      key: 'federation-children',
      labelKey: 'federation.menu.children',
      to: '/federation/children',
      permission: 'federation.registry.read',
    },
    {
      key: 'federation-enrolments',
      labelKey: 'federation.menu.enrolments',
      to: '/federation/enrolments',
      permission: 'federation.enrolment.manage',
    },
  ],
};
