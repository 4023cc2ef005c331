import type { Pinia } from 'pinia';
import { createRouter, createWebHistory } from 'vue-router';
import { useSessionStore } from '../stores/session.store.js';
import { PORTAL_ROUTES } from './portal-routes.js';

/**
 * History-mode router (the gateway answers index.html for the portal's paths). Before the first
 * page the signed-in person is loaded; a 401 has by then sent the browser to the sign-in page.
 * The document title follows the page and the language (portal-layout.vue).
 */
export function createPortalRouter(pinia: Pinia) {
  const router = createRouter({
    history: createWebHistory('/'),
    routes: PORTAL_ROUTES,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });

  router.beforeEach(async () => {
    // The frame shows what went wrong (a 503, no connection); a 401 is already leaving.
    await useSessionStore(pinia)
      .load()
      .catch(() => undefined);
  });

  router.afterEach((_to, from) => {
    // A new page: keyboard and screen-reader users start at its main region, not on the old link.
    if (from.matched.length > 0) requestAnimationFrame(() => document.getElementById('main')?.focus());
  });

  return router;
}
