import { webUiMessagesEn, webUiMessagesZh } from '@govdata/web-ui';
import { createI18n } from 'vue-i18n';
import en from '@/i18n/locales/en.json';
import zh from '@/i18n/locales/zh-CN.json';
import federationEn from './locales/en.json';
import federationZh from './locales/zh-CN.json';

/** The portal's messages with the federation area's, for mounting the area's components in tests. */
export function federationTestI18n() {
  return createI18n({
    legacy: false,
    locale: 'zh-CN',
    messages: {
      'zh-CN': { ...webUiMessagesZh, ...zh, federation: federationZh },
      en: { ...webUiMessagesEn, ...en, federation: federationEn },
    },
  });
}

/** A JSON answer as the node gives it (problem+json when refused). */
export function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' },
  });
}

/** The button whose text includes `text` (dialogs are rendered at the end of the body). */
export function buttonWith(text: string): HTMLButtonElement {
  const found = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes(text));
  if (!found) throw new Error(`no button ${text}`);
  return found;
}

/** Types into the input of the form item labelled `label`, as a person would. */
export function fill(label: string, value: string): void {
  const item = [...document.querySelectorAll('.el-form-item')].find(
    (i) => i.querySelector('.el-form-item__label')?.textContent?.trim() === label,
  );
  const input = item?.querySelector('input, textarea') as HTMLInputElement | null;
  if (!input) throw new Error(`no field ${label}`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
}
