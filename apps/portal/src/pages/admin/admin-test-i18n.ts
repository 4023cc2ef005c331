import { webUiMessagesEn, webUiMessagesZh } from '@govdata/web-ui';
import { createI18n } from 'vue-i18n';
import en from '@/i18n/locales/en.json';
import zh from '@/i18n/locales/zh-CN.json';
import adminEn from './locales/en.json';
import adminZh from './locales/zh-CN.json';

/** The portal's messages with the admin area's, for mounting the area's components in tests. */
export function adminTestI18n() {
  return createI18n({
    legacy: false,
    locale: 'zh-CN',
    messages: {
      'zh-CN': { ...webUiMessagesZh, ...zh, admin: adminZh },
      en: { ...webUiMessagesEn, ...en, admin: adminEn },
    },
  });
}

/** A JSON answer as the gateway gives it (problem+json when refused). */
export function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' },
  });
}
