import { ApiError } from '@govdata/web-ui';
import { ref, shallowRef, type Ref } from 'vue';

/**
 * One API read for a part of a page: its data, the error it ended with (shown in that part only,
 * so a service that is down leaves the rest of the page working), and whether it is loading.
 */
export function useApiResource<T>(read: () => Promise<T>) {
  const data = shallowRef<T | null>(null) as Ref<T | null>;
  const error = shallowRef<ApiError | null>(null);
  const loading = ref(false);
  let latest = 0;

  async function reload(): Promise<void> {
    const call = ++latest;
    loading.value = true;
    error.value = null;
    try {
      const value = await read();
      if (call === latest) data.value = value;
    } catch (caught) {
      if (call !== latest) return;
      if (!(caught instanceof ApiError)) throw caught;
      error.value = caught;
      data.value = null;
    } finally {
      if (call === latest) loading.value = false;
    }
  }

  return { data, error, loading, reload };
}
