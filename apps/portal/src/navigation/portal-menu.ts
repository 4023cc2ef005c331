import { ADMIN_MENU } from '../pages/admin/admin-area.js';
import { EXCHANGE_MENU } from '../pages/exchange/exchange-area.js';
import { FEDERATION_MENU } from '../pages/federation/federation-area.js';
import { OPEN_DATA_MENU } from '../pages/open-data/open-data-area.js';
import {
  holdsRule,
  mayAttempt,
  type PermissionRule,
  type PersonRoles,
  type PortalPermission,
} from './portal-access.js';

/** A menu entry before translation: a page with the permission it needs, or a group of pages. */
export interface MenuNode {
  key: string;
  /** i18n key of its label. */
  labelKey: string;
  to?: string;
  permission?: PortalPermission;
  /**
   * The roles the page serves, narrower than its permission: a queue whose list the API fills only
   * for these roles (anyone else holding the permission would always find it empty).
   */
  servesOnly?: PermissionRule;
  children?: MenuNode[];
}

/**
 * 待我审批 — the roles whose decisions `GET /demand/applications?view=to-review` lists: the
 * department's approver, the provider's reviewer (both in their organisation) and the node's
 * data-admin (authority reviews and contests). Applicants also hold `demand.application.decide`
 * (to withdraw and contest) but have no queue.
 */
export const DEMAND_QUEUE_ROLES: PermissionRule = {
  node: ['data-admin'],
  organisation: ['demand-approver', 'provider-reviewer'],
};

/**
 * The side menu: one group per area of the platform (目录, 供需对接, 共享交换, 数据开放, 级联, 用户与机构).
 * Only pages that exist are listed; an area joins the menu with its first page.
 */
export const PORTAL_MENU: readonly MenuNode[] = [
  { key: 'home', labelKey: 'menu.home', to: '/', permission: 'identity.me' },
  {
    key: 'catalog',
    labelKey: 'menu.catalog',
    children: [
      {
        key: 'catalog-search',
        labelKey: 'menu.catalogSearch',
        to: '/catalog/search',
        permission: 'catalog.entry.read',
      },
      { key: 'catalog-new', labelKey: 'menu.catalogNew', to: '/catalog/new', permission: 'catalog.entry.edit' },
      {
        key: 'catalog-review',
        labelKey: 'menu.catalogReview',
        to: '/catalog/review',
        permission: 'catalog.entry.publish',
      },
      {
        key: 'catalog-excel',
        labelKey: 'menu.catalogExcel',
        to: '/catalog/excel',
        permission: 'catalog.entry.read',
      },
      {
        key: 'catalog-clocks',
        labelKey: 'menu.catalogClocks',
        to: '/catalog/clocks',
        permission: 'catalog.clock.read',
      },
      {
        key: 'catalog-settings',
        labelKey: 'menu.catalogSettings',
        to: '/catalog/settings',
        // Everyone may read the settings; the menu offers them to the node's data-admin, who edits them.
        permission: 'catalog.settings.write',
      },
    ],
  },
  {
    key: 'demand',
    labelKey: 'menu.demand',
    children: [
      {
        key: 'demand-mine',
        labelKey: 'menu.demandMine',
        to: '/demand/mine',
        permission: 'demand.application.file',
      },
      {
        key: 'demand-queue',
        labelKey: 'menu.demandQueue',
        to: '/demand/queue',
        permission: 'demand.application.decide',
        servesOnly: DEMAND_QUEUE_ROLES,
      },
    ],
  },
  EXCHANGE_MENU,
  OPEN_DATA_MENU,
  FEDERATION_MENU,
  ADMIN_MENU,
];

/** The menu this person sees on this node: pages they may open, groups that keep at least one. */
export function menuFor(person: PersonRoles, thisNode: string, menu: readonly MenuNode[] = PORTAL_MENU): MenuNode[] {
  const visible: MenuNode[] = [];
  for (const node of menu) {
    if (node.children) {
      const children = menuFor(person, thisNode, node.children);
      if (children.length > 0) visible.push({ ...node, children });
    } else if (
      (!node.permission || mayAttempt(person, node.permission, thisNode)) &&
      (!node.servesOnly || holdsRule(person, node.servesOnly, thisNode))
    ) {
      visible.push(node);
    }
  }
  return visible;
}
