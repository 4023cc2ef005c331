import type { RouteRecordRaw } from 'vue-router';
import type { MenuNode } from '@/navigation/portal-menu.js';

/** The exchange area's pages (lazy, as every page) and its group in the side menu. */
export const EXCHANGE_ROUTES: RouteRecordRaw[] = [
  {
    path: '/exchange/resources',
    name: 'exchange-resources',
    component: () => import('./resources/resource-list-page.vue'),
    meta: { titleKey: 'exchange.resources.title', permission: 'exchange.resource.read' },
  },
  {
    path: '/exchange/resources/new',
    name: 'exchange-resource-new',
    component: () => import('./resources/resource-register-page.vue'),
    meta: { titleKey: 'exchange.register.title', permission: 'exchange.resource.write' },
  },
  {
    path: '/exchange/resources/:id',
    name: 'exchange-resource',
    component: () => import('./resources/resource-page.vue'),
    props: true,
    meta: { titleKey: 'exchange.resource.title', permission: 'exchange.resource.read' },
  },
  {
    path: '/exchange/grants',
    name: 'exchange-grants',
    component: () => import('./grants/grant-list-page.vue'),
    meta: { titleKey: 'exchange.grants.title', permission: 'exchange.grant.read' },
  },
  {
    path: '/exchange/grants/:id',
    name: 'exchange-grant',
    component: () => import('./grants/grant-page.vue'),
    props: true,
    meta: { titleKey: 'exchange.grant.title', permission: 'exchange.grant.read' },
  },
  {
    path: '/exchange/metering',
    name: 'exchange-metering',
    component: () => import('./metering/metering-page.vue'),
    meta: { titleKey: 'exchange.metering.title', permission: 'exchange.metering.read' },
  },
  {
    path: '/exchange/audit',
    name: 'exchange-audit',
    component: () => import('./audit/audit-page.vue'),
    meta: { titleKey: 'exchange.audit.title', permission: 'exchange.audit.read' },
  },
];

export const EXCHANGE_MENU: MenuNode = {
  key: 'exchange',
  labelKey: 'exchange.menu.group',
  children: [
    {
      key: 'exchange-resources',
      labelKey: 'exchange.menu.resources',
      to: '/exchange/resources',
      permission: 'exchange.resource.read',
    },
    {
      key: 'exchange-grants',
      labelKey: 'exchange.menu.grants',
      to: '/exchange/grants',
      permission: 'exchange.grant.read',
    },
    {
      key: 'exchange-metering',
      labelKey: 'exchange.menu.metering',
      to: '/exchange/metering',
      permission: 'exchange.metering.read',
    },
    {
      key: 'exchange-audit',
      labelKey: 'exchange.menu.audit',
      to: '/exchange/audit',
      permission: 'exchange.audit.read',
    },
  ],
};
