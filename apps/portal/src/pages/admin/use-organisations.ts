import { computed, onMounted } from 'vue';
import { bodyOf, undocumentedQuery } from '@/api/portal-api.js';
import { api } from '@/api/portal-api-instance.js';
import type { Organisation, Page } from '@/api/types/admin.js';
import { useApiResource } from '@/composables/use-api-resource.js';

/** The node's organisations (the first 200, the API's largest page), and their names by id. */
export function useOrganisations() {
  const organisations = useApiResource(() =>
    bodyOf<Page<Organisation>>(api.GET('/api/v1/organisations', { params: undocumentedQuery({ limit: 200 }) })),
  );
  onMounted(organisations.reload);
  const items = computed(() => organisations.data.value?.items ?? []);
  const nameOf = (id: string) => items.value.find((o) => o.id === id)?.name ?? id;
  return { organisations, items, nameOf };
}
