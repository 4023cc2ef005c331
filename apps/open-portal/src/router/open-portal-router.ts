import { createRouter, createWebHistory } from 'vue-router';
import { OPEN_PORTAL_ROUTES } from './open-portal-routes.js';

/** History-mode router: the gateway answers index.html for every page path of the open portal. */
export function createOpenPortalRouter() {
  const router = createRouter({
    history: createWebHistory('/'),
    routes: OPEN_PORTAL_ROUTES,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });
  router.afterEach((to, from) => {
    // A new page (not a new query of the same one): keyboard and screen-reader users start at its main region.
    if (from.matched.length > 0 && to.path !== from.path) {
      requestAnimationFrame(() => document.getElementById('main')?.focus());
    }
  });
  return router;
}
