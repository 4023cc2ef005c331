import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChildView } from '@/api/types/federation.js';
import { answer, buttonWith, federationTestI18n, fill } from '../federation-test-kit.js';
import RevokeChildDialog from './revoke-child-dialog.vue';

const CHILD: ChildView = {
  code: '360100',
  name: '南昌市政务数据共享平台',
  level: 'municipal',
  status: 'active',
  lastSeenAt: '2026-12-07T08:00:00.000Z',
  lagSeconds: 2,
  notAfter: '2027-12-07T08:00:00.000Z',
  certificateSerial: '0a1b2c',
  renewalDueAt: '2027-09-07T08:00:00.000Z',
  renewalDue: false,
  revokedAt: null,
  revokeReason: null,
  softwareVersion: '0.1.0',
  antiEntropy: null,
};

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('RevokeChildDialog', () => {
  it("revokes only once the child's code is typed, with the reason chosen", async () => {
    const sent: Array<{ url: string; body: unknown }> = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        sent.push({ url: new URL(request.url, 'http://portal').pathname, body: await request.json() });
        return answer(200, { code: '360100', status: 'revoked' });
      }),
    );
    const wrapper = mount(RevokeChildDialog, {
      props: { open: false, child: CHILD },
      global: { plugins: [federationTestI18n()] },
      attachTo: document.body,
    });
    await wrapper.setProps({ open: true });
    await flushPromises();
    const confirm = buttonWith('确认吊销');
    expect(confirm.disabled).toBe(true);
    fill('请输入节点编码 360100 以确认', '36010');
    await flushPromises();
    expect(buttonWith('确认吊销').disabled).toBe(true);
    fill('请输入节点编码 360100 以确认', '360100');
    fill('说明', ' 南昌节点迁入新机房，旧节点停止运行 ');
    await flushPromises();
    expect(buttonWith('确认吊销').disabled).toBe(false);
    buttonWith('确认吊销').click();
    await vi.waitFor(() => expect(wrapper.emitted('revoked')).toHaveLength(1));
    expect(sent).toEqual([
      {
        url: '/api/v1/federation/children/360100/revoke',
        body: { reason: 'cessation_of_operation', note: '南昌节点迁入新机房，旧节点停止运行' },
      },
    ]);
  }, 20_000);
});
