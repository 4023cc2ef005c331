import type { RouteRecordRaw } from 'vue-router';
import type { MenuNode } from '@/navigation/portal-menu.js';

/** The open-data area's pages (lazy, as every page) and its group in the side menu (数据开放). */
export const OPEN_DATA_ROUTES: RouteRecordRaw[] = [
  {
    path: '/open-data/reviews',
    name: 'open-data-reviews',
    component: () => import('./reviews/review-list-page.vue'),
    meta: { titleKey: 'openData.reviews.title', permission: 'open-data.review.read' },
  },
  {
    path: '/open-data/reviews/:id',
    name: 'open-data-review',
    component: () => import('./reviews/review-page.vue'),
    props: true,
    meta: { titleKey: 'openData.review.title', permission: 'open-data.review.read' },
  },
  {
    path: '/open-data/applications',
    name: 'open-data-applications',
    component: () => import('./applications/application-list-page.vue'),
    meta: { titleKey: 'openData.applications.title', permission: 'open-data.application.read' },
  },
  {
    path: '/open-data/applications/:id',
    name: 'open-data-application',
    component: () => import('./applications/application-page.vue'),
    props: true,
    meta: { titleKey: 'openData.application.title', permission: 'open-data.application.read' },
  },
  {
    path: '/open-data/demands',
    name: 'open-data-demands',
    component: () => import('./demands/demand-queue-page.vue'),
    meta: { titleKey: 'openData.demands.title', permission: 'open-data.demand.read' },
  },
  {
    path: '/open-data/error-reports',
    name: 'open-data-error-reports',
    component: () => import('./error-reports/error-report-queue-page.vue'),
    meta: { titleKey: 'openData.errorReports.title', permission: 'open-data.error-report.read' },
  },
  {
    path: '/open-data/showcases',
    name: 'open-data-showcases',
    component: () => import('./showcases/showcase-review-page.vue'),
    meta: { titleKey: 'openData.showcases.title', permission: 'open-data.showcase.read' },
  },
  {
    path: '/open-data/comments',
    name: 'open-data-comments',
    component: () => import('./comments/comment-moderation-page.vue'),
    meta: { titleKey: 'openData.comments.title', permission: 'open-data.comment.moderate' },
  },
];

export const OPEN_DATA_MENU: MenuNode = {
  key: 'open-data',
  labelKey: 'openData.menu.group',
  children: [
    {
      key: 'open-data-reviews',
      labelKey: 'openData.menu.reviews',
      to: '/open-data/reviews',
      permission: 'open-data.review.read',
    },
    {
      key: 'open-data-applications',
      labelKey: 'openData.menu.applications',
      to: '/open-data/applications',
      permission: 'open-data.application.read',
    },
    {
      key: 'open-data-demands',
      labelKey: 'openData.menu.demands',
      to: '/open-data/demands',
      permission: 'open-data.demand.read',
    },
    {
      key: 'open-data-error-reports',
      labelKey: 'openData.menu.errorReports',
      to: '/open-data/error-reports',
      permission: 'open-data.error-report.read',
    },
    {
      key: 'open-data-showcases',
      labelKey: 'openData.menu.showcases',
      to: '/open-data/showcases',
      permission: 'open-data.showcase.read',
    },
    {
      key: 'open-data-comments',
      labelKey: 'openData.menu.comments',
      to: '/open-data/comments',
      permission: 'open-data.comment.moderate',
    },
  ],
};
