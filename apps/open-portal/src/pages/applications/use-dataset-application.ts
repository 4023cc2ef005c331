import { ApiError } from '@govdata/web-ui';
import { computed, shallowRef, watch, type Ref } from 'vue';
import { openPeopleApi, type OwnApplicationView } from '@/api/open-people-api.js';
import { useOpenAccount } from '@/composables/use-open-account.js';
import { liveApplicationOf } from './application-form.js';

/**
 * Who is looking at a dataset opened on conditions and where they stand with it: signed in or not,
 * 实名认证 or not, and their application in progress or in force (null when none). Read again when
 * the dataset changes or `reload` is called (after applying).
 */
export function useDatasetApplication(datasetId: Ref<string>, conditional: Ref<boolean>) {
  const { me, known, refresh } = useOpenAccount();
  const application = shallowRef<OwnApplicationView | null>(null);
  const error = shallowRef<ApiError | null>(null);
  const loaded = shallowRef(false);

  async function reload(): Promise<void> {
    error.value = null;
    try {
      const person = await refresh();
      application.value = person
        ? (liveApplicationOf((await openPeopleApi.applications()).items, datasetId.value) ?? null)
        : null;
    } catch (e) {
      error.value = e instanceof ApiError ? e : ApiError.unreachable('open-data', e);
    } finally {
      loaded.value = true;
    }
  }

  watch(
    [datasetId, conditional],
    ([, isConditional]) => {
      application.value = null;
      loaded.value = false;
      if (isConditional) void reload();
    },
    { immediate: true },
  );

  /** A grant in force: the rows and downloads are served to this person (their granted fields). */
  const granted = computed(() => application.value?.state === 'active');
  return { me, known, application, granted, loaded, error, reload };
}
