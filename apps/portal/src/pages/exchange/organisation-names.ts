import { bodyOf, undocumentedQuery } from '@/api/portal-api.js';
import { api } from '@/api/portal-api-instance.js';
import type { OrganisationSummary } from '@/api/types/identity.js';
import { useApiResource } from '@/composables/use-api-resource.js';

/**
 * Organisation names for the exchange's pages: grants, metering and audit records name
 * organisations by id; the gateway's register names them. An id it does not list (another node's
 * organisation) is shown as it is.
 */
export function useOrganisationNames() {
  const organisations = useApiResource(async () => {
    const page = await bodyOf<{ items: OrganisationSummary[] }>(
      api.GET('/api/v1/organisations', { params: undocumentedQuery({ limit: 200 }) }),
    );
    return new Map(page.items.map((o) => [o.id, o.name]));
  });
  void organisations.reload();
  const nameOf = (id: string | null | undefined): string => (id ? (organisations.data.value?.get(id) ?? id) : '—');
  return { nameOf };
}
