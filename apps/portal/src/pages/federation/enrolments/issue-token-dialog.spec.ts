import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answer, buttonWith, federationTestI18n, fill } from '../federation-test-kit.js';
import IssueTokenDialog from './issue-token-dialog.vue';

const TOKEN = 'et_9f2c1d7a5b3e4f60a1b2c3d4e5f60718';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

async function open(fetch: (request: Request) => Promise<Response>) {
  vi.stubGlobal('fetch', vi.fn(fetch));
  const wrapper = mount(IssueTokenDialog, {
    props: { open: false },
    global: { plugins: [federationTestI18n()] },
    attachTo: document.body,
  });
  await wrapper.setProps({ open: true });
  await flushPromises();
  return wrapper;
}

describe('IssueTokenDialog', () => {
  it('issues a token naming the child, shows it once with the warning, and drops it when closed', async () => {
    const sent: unknown[] = [];
    const wrapper = await open(async (request) => {
      sent.push(await request.json());
      return answer(201, {
        id: 't1',
        token: TOKEN,
        childCode: '360100',
        childName: '南昌市政务数据共享平台',
        level: 'municipal',
        expiresAt: '2026-12-14T08:00:00.000Z',
      });
    });
    fill('下级节点编码（行政区划代码或统一社会信用代码）', ' 360100 ');
    fill('下级节点名称', '南昌市政务数据共享平台');
    await flushPromises();
    buttonWith('签发').click();
    await vi.waitFor(() => expect(document.querySelector('[data-token]')?.textContent).toBe(TOKEN));
    expect(sent[0]).toEqual({
      childCode: '360100',
      childName: '南昌市政务数据共享平台',
      level: 'municipal',
      expiresInDays: 7,
    });
    expect(document.body.textContent).toContain('入网令牌只显示这一次');
    expect(wrapper.emitted('issued')).toHaveLength(1);

    buttonWith('我已保存').click();
    await flushPromises();
    expect(wrapper.emitted('close')).toHaveLength(1);
    await wrapper.setProps({ open: false });
    await vi.waitFor(() => expect(document.body.innerHTML).not.toContain(TOKEN));
    // Opened again: a fresh form, not the token of before.
    await wrapper.setProps({ open: true });
    await flushPromises();
    expect(document.body.innerHTML).not.toContain(TOKEN);
    expect(document.querySelector('[data-token]')).toBeNull();
  }, 20_000);

  it("shows the API's refusal of the code beside the field", async () => {
    const wrapper = await open(async () =>
      answer(422, {
        code: 'rule_violated',
        status: 422,
        errors: [{ path: 'childCode', rule: 'subtree', message: 'is not within this node’s region' }],
      }),
    );
    fill('下级节点编码（行政区划代码或统一社会信用代码）', '440100');
    fill('下级节点名称', '广州市政务数据共享平台');
    buttonWith('签发').click();
    await vi.waitFor(() =>
      expect(
        wrapper
          .findAllComponents({ name: 'ElFormItem' })
          .find((i) => i.props('label') === '下级节点编码（行政区划代码或统一社会信用代码）')
          ?.props('error'),
      ).toBe('is not within this node’s region'),
    );
    expect(document.querySelector('[data-token]')).toBeNull();
  }, 20_000);
});
