import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOpenPortalI18n } from '@/i18n/open-portal-i18n.js';
import CommentForm from './comment-form.vue';

function answer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

async function post(reply: () => Response) {
  const sent: Array<{ url: string; headers: Headers; body: unknown }> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      sent.push({ url, headers: new Headers(init!.headers), body: JSON.parse(init!.body as string) });
      return reply();
    }),
  );
  const wrapper = mount(CommentForm, {
    props: { datasetId: 'd1' },
    global: { plugins: [createOpenPortalI18n('zh-CN')] },
    attachTo: document.body,
  });
  await flushPromises();
  await wrapper.find('#comment-text').setValue('好');
  await wrapper.find('form').trigger('submit');
  await flushPromises();
  const error = wrapper
    .findAllComponents({ name: 'ElFormItem' })
    .find((item) => item.text().includes('发表评论'))
    ?.props('error');
  return { wrapper, sent, error };
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('CommentForm', () => {
  it("posts the text with the anti-CSRF header and shows the API's field error beside it", async () => {
    const { wrapper, sent, error } = await post(() =>
      answer(400, {
        code: 'validation',
        errors: [{ path: 'text', rule: 'too_small', message: '评论至少 2 个字 (at least 2 characters)' }],
      }),
    );
    expect(sent).toEqual([
      expect.objectContaining({ url: '/api/v1/open-data/datasets/d1/comments', body: { text: '好' } }),
    ]);
    expect(sent[0]!.headers.get('X-Requested-With')).toBe('govdata-open-portal');
    expect(error).toBe('评论至少 2 个字 (at least 2 characters)');
    expect(wrapper.emitted('posted')).toBeUndefined();
  });

  it('says plainly when one comments too often, and when to try again', async () => {
    const { wrapper, error } = await post(() =>
      answer(
        429,
        { code: 'too_many_requests', detail: '评论过于频繁', retryAfterSeconds: 1500, reason: 'comment-rate' },
        { 'Retry-After': '1500' },
      ),
    );
    expect(wrapper.text()).toContain('评论过于频繁，请 25 分钟后再试。');
    expect(error).toBeUndefined();
    expect(wrapper.emitted('posted')).toBeUndefined();
  });

  it('hands the posted comment over and empties the box', async () => {
    const posted = { id: 'c1', datasetId: 'd1', author: '138****0000', text: '好', createdAt: '2026-12-08T00:00:00Z' };
    const { wrapper } = await post(() => answer(201, posted));
    expect(wrapper.emitted('posted')).toEqual([[posted]]);
    expect((wrapper.find('#comment-text').element as HTMLTextAreaElement).value).toBe('');
  });
});
