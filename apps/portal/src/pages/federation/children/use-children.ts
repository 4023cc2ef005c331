import { bodyOf } from '@/api/portal-api.js';
import { api } from '@/api/portal-api-instance.js';
import type { ChildView } from '@/api/types/federation.js';
import { useApiResource } from '@/composables/use-api-resource.js';

/** 下级节点 — the children this node certified, as `GET /federation/children` lists them. */
export function useChildren() {
  return useApiResource(() => bodyOf<{ items: ChildView[] }>(api.GET('/api/v1/federation/children')));
}
