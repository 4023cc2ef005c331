import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { bodyOf, type PortalApi } from '../api/portal-api.js';
import { api as portalApi } from '../api/portal-api-instance.js';
import type { Me, NodeStatus } from '../api/types/identity.js';
import { menuFor } from '../navigation/portal-menu.js';
import { mayAttempt, type PortalPermission } from '../navigation/portal-access.js';

/**
 * 当前用户 — who is signed in (GET /api/v1/me) and on which node (GET /api/v1/node), loaded once
 * before the first page; what they may open follows from their roles.
 */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null);
  const node = ref<NodeStatus | null>(null);
  let loading: Promise<void> | null = null;

  /** Loads both once; a failure (a 401 has already left for the sign-in page) rejects for the caller. */
  function load(api: PortalApi = portalApi): Promise<void> {
    loading ??= (async () => {
      const [person, status] = await Promise.all([
        bodyOf<Me>(api.GET('/api/v1/me')),
        bodyOf<NodeStatus>(api.GET('/api/v1/node')),
      ]);
      me.value = person;
      node.value = status;
    })().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  }

  const displayName = computed(
    () => me.value?.user?.displayName || me.value?.principal.name || me.value?.user?.username || '',
  );
  const organisationName = computed(() => me.value?.organisation?.name ?? '');
  const roles = computed(() => me.value?.principal.roles ?? []);

  function may(permission: PortalPermission): boolean {
    if (!me.value || !node.value) return false;
    return mayAttempt(me.value.principal, permission, node.value.code);
  }

  const menu = computed(() => (me.value && node.value ? menuFor(me.value.principal, node.value.code) : []));

  return { me, node, load, displayName, organisationName, roles, may, menu };
});
