import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { vi } from 'vitest';
import type { Component } from 'vue';
import { createI18n } from 'vue-i18n';
import { createMemoryHistory, createRouter } from 'vue-router';
import { webUiMessagesEn, webUiMessagesZh } from '@govdata/web-ui';
import zh from '@/i18n/locales/zh-CN.json';
import { useSessionStore } from '@/stores/session.store.js';
import openDataZh from './locales/zh-CN.json';

export interface Sent {
  method: string;
  url: string;
  body: unknown;
}

export function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' },
  });
}

/**
 * Mounts a page of the open-data area at `path` for a person of organisation `o1` holding `roles`
 * (in the node's authority when `authority`), the API answered by `reply`; what was sent is kept.
 */
export async function mountAs(
  page: Component,
  path: string,
  person: { roles: string[]; authority?: boolean },
  reply: (method: string, url: URL, body: unknown) => Response,
): Promise<Sent[]> {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url, 'http://portal.test');
      const text = await request.text();
      const body: unknown = text ? JSON.parse(text) : undefined;
      sent.push({ method: request.method, url: `${url.pathname}${url.search}`, body });
      return reply(request.method, url, body);
    }),
  );
  const pinia = createPinia();
  setActivePinia(pinia);
  const session = useSessionStore();
  session.me = {
    principal: { subject: 'u1', kind: 'user', organisationId: 'o1', nodeCode: '360000', ...person },
    user: null,
    organisation: null,
  };
  session.node = { code: '360000', name: '江西省政务数据共享平台', level: 'provincial', parent: null, services: {} };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:rest(.*)*', component: { template: '<div />' } }],
  });
  await router.push(path);
  const i18n = createI18n({
    legacy: false,
    locale: 'zh-CN',
    messages: { 'zh-CN': { ...webUiMessagesZh, ...zh, openData: openDataZh }, en: { ...webUiMessagesEn } },
  });
  mount(page, { global: { plugins: [i18n, router, pinia] }, attachTo: document.body });
  await flushPromises();
  return sent;
}

export const buttons = (within: ParentNode = document): string[] =>
  [...within.querySelectorAll('button')].map((b) => b.textContent?.trim() ?? '');

/** The error the form item whose label (or legend) holds `text` shows, or undefined. */
export function errorBeside(text: string): string | undefined {
  const item = [...document.querySelectorAll('.el-form-item')].find((i) => i.textContent?.includes(text));
  return item?.querySelector('.el-form-item__error')?.textContent?.trim() || undefined;
}
