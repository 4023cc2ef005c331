import type { RouteRecordRaw } from 'vue-router';
import type { MenuNode } from '@/navigation/portal-menu.js';

/** The admin area's pages (lazy, as every page) and its group in the side menu. */
export const ADMIN_ROUTES: RouteRecordRaw[] = [];

export const ADMIN_MENU: MenuNode = {
  key: 'admin',
  labelKey: 'admin.menu.group',
  children: [],
};
