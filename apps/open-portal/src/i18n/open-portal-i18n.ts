import { webUiMessagesEn, webUiMessagesZh } from '@govdata/web-ui';
import { createI18n } from 'vue-i18n';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

/** 中文 first; English is the switchable second language. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'govdata.open-portal.language';

/** The language chosen last time in this browser, else Chinese. */
export function initialLanguage(storage: Pick<Storage, 'getItem'> = window.localStorage): Language {
  const stored = storage.getItem(STORAGE_KEY);
  return (LANGUAGES as readonly string[]).includes(stored ?? '') ? (stored as Language) : 'zh-CN';
}

/**
 * vue-i18n in composition mode with messages compiled at build time (runtime-only: no `new
 * Function`, so the CSP holds); the shared UI library's messages under the portal's.
 */
export function createOpenPortalI18n(language: Language = initialLanguage()) {
  return createI18n({
    legacy: false,
    locale: language,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': { ...webUiMessagesZh, ...zhCN }, en: { ...webUiMessagesEn, ...en } },
  });
}

/** Remembers the language in this browser and says it on the page. */
export function rememberLanguage(language: Language, storage: Pick<Storage, 'setItem'> = window.localStorage): void {
  storage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
}
