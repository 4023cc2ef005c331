import type { RouteRecordRaw } from 'vue-router';
import type { MenuNode } from '@/navigation/portal-menu.js';

/** The exchange area's pages (lazy, as every page) and its group in the side menu. */
export const EXCHANGE_ROUTES: RouteRecordRaw[] = [];

export const EXCHANGE_MENU: MenuNode = {
  key: 'exchange',
  labelKey: 'exchange.menu.group',
  children: [],
};
