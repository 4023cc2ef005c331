import type { RouteRecordRaw } from 'vue-router';
import type { MenuNode } from '@/navigation/portal-menu.js';

/** The federation area's pages (lazy, as every page) and its group in the side menu. */
export const FEDERATION_ROUTES: RouteRecordRaw[] = [];

export const FEDERATION_MENU: MenuNode = {
  key: 'federation',
  labelKey: 'federation.menu.group',
  children: [],
};
