import type { RouteRecordRaw } from 'vue-router';
import type { PortalPermission } from '../navigation/portal-access.js';
import { ADMIN_ROUTES } from '../pages/admin/admin-area.js';
import { EXCHANGE_ROUTES } from '../pages/exchange/exchange-area.js';
import { FEDERATION_ROUTES } from '../pages/federation/federation-area.js';
import { OPEN_DATA_ROUTES } from '../pages/open-data/open-data-area.js';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (document title and the page's h1). */
    titleKey: string;
    /** What the page needs; without it the page says which permission is missing instead. */
    permission?: PortalPermission;
  }
}

/** The portal's pages, each loaded when first opened (Element Plus and ECharts per page, not whole). */
export const PORTAL_ROUTES: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'home',
    component: () => import('../pages/home/home-page.vue'),
    meta: { titleKey: 'home.title', permission: 'identity.me' },
  },
  {
    path: '/catalog/search',
    name: 'catalog-search',
    component: () => import('../pages/catalog/search/catalog-search-page.vue'),
    meta: { titleKey: 'search.title', permission: 'catalog.entry.read' },
  },
  {
    path: '/catalog/review',
    name: 'catalog-review',
    component: () => import('../pages/catalog/review/review-queue-page.vue'),
    meta: { titleKey: 'review.title', permission: 'catalog.entry.publish' },
  },
  {
    path: '/catalog/new',
    name: 'catalog-new',
    component: () => import('../pages/catalog/editor/entry-editor-page.vue'),
    meta: { titleKey: 'editor.newTitle', permission: 'catalog.entry.edit' },
  },
  {
    path: '/catalog/entries/:idOrCode/edit',
    name: 'catalog-edit',
    component: () => import('../pages/catalog/editor/entry-editor-page.vue'),
    props: true,
    meta: { titleKey: 'editor.title', permission: 'catalog.entry.edit' },
  },
  {
    path: '/catalog/entries/:idOrCode',
    name: 'catalog-entry',
    component: () => import('../pages/catalog/entry/catalog-entry-page.vue'),
    props: true,
    meta: { titleKey: 'entry.title', permission: 'catalog.entry.read' },
  },
  {
    path: '/catalog/replicas/:origin/:idOrCode',
    name: 'catalog-replica',
    component: () => import('../pages/catalog/entry/catalog-entry-page.vue'),
    props: true,
    meta: { titleKey: 'entry.title', permission: 'catalog.entry.read' },
  },
  {
    path: '/catalog/excel',
    name: 'catalog-excel',
    component: () => import('../pages/catalog/excel/excel-page.vue'),
    meta: { titleKey: 'excel.title', permission: 'catalog.entry.read' },
  },
  {
    path: '/catalog/clocks',
    name: 'catalog-clocks',
    component: () => import('../pages/catalog/clocks/clocks-page.vue'),
    meta: { titleKey: 'clocks.title', permission: 'catalog.clock.read' },
  },
  {
    path: '/catalog/settings',
    name: 'catalog-settings',
    component: () => import('../pages/catalog/settings/settings-page.vue'),
    meta: { titleKey: 'settings.title', permission: 'catalog.reference.read' },
  },
  {
    path: '/demand/mine',
    name: 'demand-mine',
    component: () => import('../pages/demand/lists/my-applications-page.vue'),
    meta: { titleKey: 'demand.mine.title', permission: 'demand.application.file' },
  },
  {
    path: '/demand/queue',
    name: 'demand-queue',
    component: () => import('../pages/demand/lists/approval-queue-page.vue'),
    meta: { titleKey: 'demand.queue.title', permission: 'demand.application.decide' },
  },
  {
    path: '/demand/applications/:id',
    name: 'demand-application',
    component: () => import('../pages/demand/application/application-page.vue'),
    props: true,
    meta: { titleKey: 'demand.application.title', permission: 'demand.application.read' },
  },
  ...EXCHANGE_ROUTES,
  ...OPEN_DATA_ROUTES,
  ...FEDERATION_ROUTES,
  ...ADMIN_ROUTES,
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('../pages/errors/not-found-page.vue'),
    meta: { titleKey: 'notFound.title' },
  },
];
