import { ref } from 'vue';
import { ApiError } from '@govdata/web-ui';
import { openPeopleApi, type MeView } from '@/api/open-people-api.js';

/** The signed-in person, shared by the frame and the account pages; null when nobody is signed in. */
const me = ref<MeView | null>(null);
const known = ref(false);

export function useOpenAccount() {
  /** Asks the service who is signed in (401 means nobody). */
  async function refresh(): Promise<MeView | null> {
    try {
      me.value = await openPeopleApi.me();
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      me.value = null;
    } finally {
      known.value = true;
    }
    return me.value;
  }

  async function signOut(): Promise<void> {
    await openPeopleApi.signOut();
    me.value = null;
  }

  return { me, known, refresh, signOut };
}
