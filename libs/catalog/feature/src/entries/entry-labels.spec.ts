import { Converter } from 'opencc-js';
import { ENTRY_LABELS, keyForLabel } from './entry-labels.js';

describe('labels typed by people', () => {
  it('match in traditional or simplified characters, English or the key, ignoring case and spaces', () => {
    expect(keyForLabel(ENTRY_LABELS.sharingType, '无条件共享')).toBe('unconditional');
    expect(keyForLabel(ENTRY_LABELS.sharingType, '无条件共享')).toBe('unconditional');
    expect(keyForLabel(ENTRY_LABELS.formatCategory, '数据库')).toBe('database');
    expect(keyForLabel(ENTRY_LABELS.formatCategory, '服务接口')).toBe('api');
    expect(keyForLabel(ENTRY_LABELS.updateCycle, '每周')).toBe('weekly');
    expect(keyForLabel(ENTRY_LABELS.itemDataType, '字符型C')).toBe('C');
    expect(keyForLabel(ENTRY_LABELS.itemDataType, '日期时间型T')).toBe('T');
    expect(keyForLabel(ENTRY_LABELS.itemDataType, 'date-time (t)')).toBe('T');
    expect(keyForLabel(ENTRY_LABELS.gradeCategory, ' General data ')).toBe('general');
    expect(keyForLabel(ENTRY_LABELS.openType, 'unconditional')).toBe('unconditional');
  });

  it('match every code-table label typed in either script', () => {
    // Derived at run time, so the check holds whichever script the labels are written in.
    const scripts = [Converter({ from: 'cn', to: 'tw' }), Converter({ from: 'tw', to: 'cn' })];
    for (const labels of Object.values(ENTRY_LABELS) as Array<Record<string, { zh: string; en: string }>>) {
      for (const [key, label] of Object.entries(labels)) {
        for (const convert of scripts) expect(keyForLabel(labels, convert(label.zh)), label.zh).toBe(key);
      }
    }
  });

  it('match nothing else', () => {
    expect(keyForLabel(ENTRY_LABELS.sharingType, '共享')).toBeUndefined();
    expect(keyForLabel(ENTRY_LABELS.itemDataType, '字符')).toBeUndefined();
  });
});
