import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminTestI18n } from '../admin-test-i18n.js';
import SecretOnceDialog from './secret-once-dialog.vue';

const SECRET = 'q3Zr8wVYb1m2kq9T0pX7uA4sLc5eN6dF8gH1jK2lM3n';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('SecretOnceDialog', () => {
  it('shows the secret with the warning, copies it, and keeps nothing once closed', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const wrapper = mount(SecretOnceDialog, {
      props: { credentials: null },
      global: { plugins: [adminTestI18n()] },
      attachTo: document.body,
    });
    expect(document.body.textContent).not.toContain(SECRET);
    await wrapper.setProps({ credentials: { name: '公安厅前置机', clientId: 'sa-0011', secret: SECRET } });
    await flushPromises();
    expect(document.querySelector('[data-secret]')?.textContent).toBe(SECRET);
    expect(document.body.textContent).toContain('密钥只显示这一次');

    [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('复制密钥'))!.click();
    await vi.waitFor(() => expect(document.body.textContent).toContain('已复制到剪贴板'));
    expect(writeText).toHaveBeenCalledWith(SECRET);

    [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('我已保存'))!.click();
    await flushPromises();
    expect(wrapper.emitted('close')).toHaveLength(1);
    // The parent drops the credentials on close: nothing of the secret stays in the page.
    await wrapper.setProps({ credentials: null });
    await vi.waitFor(() => expect(document.body.innerHTML).not.toContain(SECRET));
  }, 20_000);
});
