import { onBeforeUnmount, ref, type Ref } from 'vue';

/** Below this width (a phone, 390 CSS pixels) the side menu becomes a drawer. */
export const NARROW_SCREEN_QUERY = '(max-width: 768px)';

/** Whether the screen is narrow now, following resizes and rotations. */
export function useNarrowScreen(query = NARROW_SCREEN_QUERY): Ref<boolean> {
  const media = window.matchMedia(query);
  const narrow = ref(media.matches);
  const follow = (event: MediaQueryListEvent) => (narrow.value = event.matches);
  media.addEventListener('change', follow);
  onBeforeUnmount(() => media.removeEventListener('change', follow));
  return narrow;
}
