import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOpenPortalI18n } from '@/i18n/open-portal-i18n.js';
import ShowcaseFormView from './showcase-form.vue';
import { emptyShowcaseForm, showcaseRequest } from './showcase-form.js';

const DATASET = { id: '7a1d6c2e-0000-4000-8000-000000000001', name: '公交线路' };

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('showcaseRequest', () => {
  it('sends the datasets the form started with', () => {
    expect(showcaseRequest({ ...emptyShowcaseForm([DATASET.id]), title: '公交查询', kind: 'app' })).toEqual({
      title: '公交查询',
      description: '',
      kind: 'app',
      url: '',
      datasetIds: [DATASET.id],
    });
  });
});

describe('ShowcaseForm', () => {
  it("submits with the anti-CSRF header and shows the API's field errors beside the fields they name", async () => {
    const sent: Array<{ url: string; headers: Headers; body: unknown }> = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        sent.push({ url, headers: new Headers(init!.headers), body: JSON.parse(init!.body as string) });
        return answer(400, {
          code: 'validation',
          errors: [
            { path: 'url', rule: 'invalid_format', message: '须为 http 或 https 网址 (an http or https URL)' },
            { path: 'datasetIds.0', rule: 'open-dataset', message: '不是本节点的开放数据集' },
          ],
        });
      }),
    );
    const wrapper = mount(ShowcaseFormView, {
      props: { initialDatasets: [DATASET] },
      global: { plugins: [createOpenPortalI18n('zh-CN')] },
      attachTo: document.body,
    });
    await flushPromises();
    await wrapper.find('#showcase-title').setValue('公交到站查询');
    await wrapper.find('#showcase-url').setValue('ftp://bus.example');
    await wrapper.find('#showcase-description').setValue('用公交线路数据做的到站查询小程序');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('/api/v1/open-data/showcases');
    expect(sent[0]!.headers.get('X-Requested-With')).toBe('govdata-open-portal');
    expect(sent[0]!.body).toEqual({
      title: '公交到站查询',
      description: '用公交线路数据做的到站查询小程序',
      kind: '',
      url: 'ftp://bus.example',
      datasetIds: [DATASET.id],
    });
    const errorOf = (label: string) =>
      wrapper
        .findAllComponents({ name: 'ElFormItem' })
        .find((item) => item.text().includes(label))
        ?.props('error');
    expect(errorOf('访问网址')).toBe('须为 http 或 https 网址 (an http or https URL)');
    expect(errorOf('使用的数据集')).toBe('不是本节点的开放数据集');
    expect(errorOf('成果名称')).toBeUndefined();
    expect(wrapper.emitted('submitted')).toBeUndefined();
  });
});
