import { webUiMessagesEn, webUiMessagesZh } from '@govdata/web-ui';
import { createI18n } from 'vue-i18n';
import adminEn from '../pages/admin/locales/en.json';
import adminZh from '../pages/admin/locales/zh-CN.json';
import exchangeEn from '../pages/exchange/locales/en.json';
import exchangeZh from '../pages/exchange/locales/zh-CN.json';
import federationEn from '../pages/federation/locales/en.json';
import federationZh from '../pages/federation/locales/zh-CN.json';
import openDataEn from '../pages/open-data/locales/en.json';
import openDataZh from '../pages/open-data/locales/zh-CN.json';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

/** 中文 first; English is the switchable second language. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'govdata.portal.language';

/** The language chosen last time in this browser, else Chinese. */
export function initialLanguage(storage: Pick<Storage, 'getItem'> = window.localStorage): Language {
  const stored = storage.getItem(STORAGE_KEY);
  return (LANGUAGES as readonly string[]).includes(stored ?? '') ? (stored as Language) : 'zh-CN';
}

/**
 * vue-i18n in composition mode with messages compiled at build time (the runtime-only build: no
 * message compiler, no `new Function`, so the gateway's CSP holds). The shared UI library's
 * messages are merged under the portal's; the exchange, open-data (`openData`), federation and admin areas keep their
 * messages beside their pages (pages/<area>/locales), under their own key.
 */
export function createPortalI18n(language: Language = initialLanguage()) {
  return createI18n({
    legacy: false,
    locale: language,
    fallbackLocale: 'zh-CN',
    messages: {
      'zh-CN': {
        ...webUiMessagesZh,
        ...zhCN,
        exchange: exchangeZh,
        openData: openDataZh,
        federation: federationZh,
        admin: adminZh,
      },
      en: {
        ...webUiMessagesEn,
        ...en,
        exchange: exchangeEn,
        openData: openDataEn,
        federation: federationEn,
        admin: adminEn,
      },
    },
  });
}

/** Switches the language of the page (and remembers it in this browser). */
export function rememberLanguage(language: Language, storage: Pick<Storage, 'setItem'> = window.localStorage): void {
  storage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
}
