import type { RouteRecordRaw } from 'vue-router';

/** The open portal's pages (lazy: each page's code loads when it is first opened). */
export const OPEN_PORTAL_ROUTES: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('../pages/home/home-page.vue') },
  { path: '/datasets', name: 'datasets', component: () => import('../pages/datasets/search/dataset-search-page.vue') },
  {
    path: '/datasets/:id',
    name: 'dataset',
    component: () => import('../pages/datasets/dataset/dataset-page.vue'),
    props: true,
  },
  { path: '/demands', name: 'demands', component: () => import('../pages/demands/demands-page.vue') },
  { path: '/showcases', name: 'showcases', component: () => import('../pages/showcases/showcases-page.vue') },
  { path: '/register', name: 'register', component: () => import('../pages/account/register-page.vue') },
  { path: '/sign-in', name: 'sign-in', component: () => import('../pages/account/sign-in-page.vue') },
  {
    path: '/account/real-name',
    name: 'real-name',
    component: () => import('../pages/account/real-name-page.vue'),
  },
  { path: '/account/api-keys', name: 'api-keys', component: () => import('../pages/account/api-keys-page.vue') },
  {
    path: '/account/applications',
    name: 'applications',
    component: () => import('../pages/applications/my-applications-page.vue'),
  },
  {
    path: '/account/applications/:id',
    name: 'application',
    component: () => import('../pages/applications/application-page.vue'),
    props: true,
  },
  {
    path: '/account/demands',
    name: 'my-demands',
    component: () => import('../pages/demands/my-demands-page.vue'),
  },
  {
    path: '/account/error-reports',
    name: 'my-error-reports',
    component: () => import('../pages/error-reports/my-error-reports-page.vue'),
  },
  {
    path: '/account/showcases',
    name: 'my-showcases',
    component: () => import('../pages/showcases/my-showcases-page.vue'),
  },
  {
    path: '/account/comments',
    name: 'my-comments',
    component: () => import('../pages/comments/my-comments-page.vue'),
  },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('../pages/errors/not-found-page.vue') },
];
