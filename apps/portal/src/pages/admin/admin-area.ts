import type { RouteRecordRaw } from 'vue-router';
import type { MenuNode } from '@/navigation/portal-menu.js';

/** The admin area's pages (lazy, as every page) and its group in the side menu. */
export const ADMIN_ROUTES: RouteRecordRaw[] = [
  {
    path: '/admin/organisations',
    name: 'admin-organisations',
    component: () => import('./organisations/organisations-page.vue'),
    meta: { titleKey: 'admin.organisations.title', permission: 'identity.organisation.write' },
  },
  {
    path: '/admin/users',
    name: 'admin-users',
    component: () => import('./users/users-page.vue'),
    meta: { titleKey: 'admin.users.title', permission: 'identity.user.read' },
  },
  {
    path: '/admin/service-accounts',
    name: 'admin-service-accounts',
    component: () => import('./service-accounts/service-accounts-page.vue'),
    meta: { titleKey: 'admin.serviceAccounts.title', permission: 'identity.service-account.read' },
  },
];

export const ADMIN_MENU: MenuNode = {
  key: 'admin',
  labelKey: 'admin.menu.group',
  children: [
    {
      key: 'admin-organisations',
      labelKey: 'admin.menu.organisations',
      to: '/admin/organisations',
      // Everyone may read the organisations; the page is where a node-admin keeps them.
      permission: 'identity.organisation.write',
    },
    { key: 'admin-users', labelKey: 'admin.menu.users', to: '/admin/users', permission: 'identity.user.read' },
    {
      key: 'admin-service-accounts',
      labelKey: 'admin.menu.serviceAccounts',
      to: '/admin/service-accounts',
      permission: 'identity.service-account.read',
    },
  ],
};
