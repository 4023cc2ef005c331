import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOpenPortalI18n } from '@/i18n/open-portal-i18n.js';
import DemandFormView from './demand-form.vue';
import { demandRequest, emptyDemandForm } from './demand-form.js';

const DOMAINS = [{ code: 'transport', zh: '交通出行', en: 'Transport' }];
const DEPARTMENTS = [{ id: '00000000-0000-4000-8000-00000000000a', title: '市交通运输局', provider_code: 'X' }];

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('demandRequest', () => {
  it('leaves out the domain and the department when none is chosen', () => {
    expect(demandRequest({ ...emptyDemandForm(), title: '公交到站', description: '需要实时到站数据' })).toEqual({
      title: '公交到站',
      description: '需要实时到站数据',
    });
    expect(
      demandRequest({ title: 't', description: 'd', domain: 'transport', organisationId: DEPARTMENTS[0]!.id }),
    ).toEqual({ title: 't', description: 'd', domain: 'transport', organisationId: DEPARTMENTS[0]!.id });
  });
});

describe('DemandForm', () => {
  it("sends what was typed and shows the API's field errors beside the fields they name", async () => {
    const sent: Array<{ url: string; headers: Headers; body: unknown }> = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        sent.push({ url, headers: new Headers(init!.headers), body: JSON.parse(init!.body as string) });
        return answer(400, {
          code: 'validation',
          errors: [
            { path: 'title', rule: 'too_small', message: '标题至少 4 个字' },
            { path: 'organisationId', rule: 'department', message: '须为在本节点提供数据的部门' },
          ],
        });
      }),
    );
    const wrapper = mount(DemandFormView, {
      props: { domains: DOMAINS, departments: DEPARTMENTS },
      global: { plugins: [createOpenPortalI18n('zh-CN')] },
      attachTo: document.body,
    });
    await flushPromises();
    await wrapper.find('#demand-title').setValue('公交');
    await wrapper.find('#demand-description').setValue('希望开放公交车辆实时到站数据');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('/api/v1/open-data/demands');
    expect(sent[0]!.headers.get('X-Requested-With')).toBe('govdata-open-portal');
    expect(sent[0]!.body).toEqual({ title: '公交', description: '希望开放公交车辆实时到站数据' });
    const errorOf = (label: string) =>
      wrapper
        .findAllComponents({ name: 'ElFormItem' })
        .find((item) => item.text().includes(label))
        ?.props('error');
    expect(errorOf('需求标题')).toBe('标题至少 4 个字');
    expect(errorOf('征集部门')).toBe('须为在本节点提供数据的部门');
    expect(errorOf('需求描述')).toBeUndefined();
    expect(wrapper.emitted('submitted')).toBeUndefined();
  });
});
