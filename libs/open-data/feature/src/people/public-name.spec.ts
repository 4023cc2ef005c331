import { describe, expect, it } from 'vitest';
import { publicAuthorName, publicRealName } from './public-name.js';

describe('publicRealName', () => {
  it('names a person by the surname and 某 only', () => {
    expect(publicRealName({ kind: 'person', name: '张三' })).toBe('张某');
    expect(publicRealName({ kind: 'person', name: '李小龙' })).toBe('李某');
    expect(publicRealName({ kind: 'person', name: ' 王五 ' })).toBe('王某');
  });

  it('keeps a two-character surname whole, but not for a two-character name', () => {
    expect(publicRealName({ kind: 'person', name: '欧阳明' })).toBe('欧阳某');
    expect(publicRealName({ kind: 'person', name: '诸葛亮' })).toBe('诸葛某');
    // 欧阳 alone would be a surname and a given name of one character each.
    expect(publicRealName({ kind: 'person', name: '欧阳' })).toBe('欧某');
  });

  it('names a company by its registered name', () => {
    expect(publicRealName({ kind: 'company', name: '上海示例数据科技有限公司' })).toBe('上海示例数据科技有限公司');
  });

  it('never shows an empty name', () => {
    expect(publicRealName({ kind: 'person', name: '' })).toBe('某');
  });
});

describe('publicAuthorName', () => {
  it('masks the phone or e-mail of a person without real name', () => {
    expect(publicAuthorName({ identifier: '13800138000', realName: null })).toBe('138****8000');
    expect(publicAuthorName({ identifier: 'kaifang@example.cn', realName: null })).toBe('k***@example.cn');
  });

  it('uses the real-name display once verified, never the identifier', () => {
    const name = publicAuthorName({
      identifier: '13800138000',
      realName: {
        kind: 'person',
        name: '张三',
        idMasked: '110101********1234',
        method: 'population-exchange',
        verifiedAt: '2026-01-01T00:00:00.000Z',
      },
    });
    expect(name).toBe('张某');
  });
});
