import { useI18n } from 'vue-i18n';
import type { Label } from '@/api/open-data-types.js';

/** The API's bilingual labels ({ zh, en }) in the page's language. */
export function useLabel(): (label: Label | null | undefined) => string {
  const { locale } = useI18n();
  return (label) => (label ? (locale.value === 'en' ? label.en : label.zh) : '');
}

/** A date-time of the API as the day, e.g. 2026-12-07. */
export function dayOf(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : '';
}
