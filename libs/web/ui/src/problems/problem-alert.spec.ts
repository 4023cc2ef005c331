import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import en from '../locales/en.json';
import zh from '../locales/zh-CN.json';
import { ApiError } from './api-error.js';
import ProblemAlert from './problem-alert.vue';

function render(error: ApiError, locale = 'zh-CN') {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zh, en } });
  return mount(ProblemAlert, { props: { error }, global: { plugins: [i18n] } }).text();
}

describe('ProblemAlert', () => {
  it('says in Chinese which service of the node is down', () => {
    const text = render(new ApiError(503, 'catalog', { detail: 'the catalog service of this node cannot be reached' }));
    expect(text).toContain('目录服务暂不可用');
    expect(text).toContain('其他功能不受影响');
    expect(text).not.toContain('cannot be reached');
  });

  it('names the permission and, in Chinese, the roles that hold it', () => {
    const text = render(
      new ApiError(403, 'federation', {
        detail: 'federation.registry.read needs node-admin or operator or auditor in an authority organisation',
      }),
    );
    expect(text).toContain('所需权限：federation.registry.read');
    expect(text).toContain('平台管理员、运维人员、审计员');
  });

  it('lists the field errors of a 422 and speaks English when switched', () => {
    const text = render(
      new ApiError(422, 'catalog', {
        errors: [{ path: 'items.0.length', rule: 'length-required', message: 'a C item needs its length' }],
      }),
      'en',
    );
    expect(text).toContain('Please check your input');
    expect(text).toContain('items.0.length');
    expect(text).toContain('a C item needs its length');
  });
});
