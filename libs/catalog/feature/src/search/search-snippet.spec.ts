import { Converter } from 'opencc-js';
import { snippet } from './search-snippet.js';

describe('snippet', () => {
  const abstract = `${'本数据由省公安厅按日汇总，'.repeat(5)}记录本省户籍人口和常住人口的基本信息，包括姓名与公民身份号码。`;

  it('cuts around the first match and marks every match in the passage', () => {
    const { text, highlights } = snippet(abstract, ['人口']);
    expect(text.startsWith('…')).toBe(true);
    expect(highlights.length).toBe(2);
    for (const [start, end] of highlights) expect(text.slice(start, end)).toBe('人口');
  });

  it('starts at the beginning when nothing matches in the abstract (the match was in items or tags)', () => {
    const { text, highlights } = snippet('全省企业登记信息。', ['人口']);
    expect(text).toBe('全省企业登记信息。');
    expect(highlights).toEqual([]);
  });

  it('marks the stored characters, in their own script, for a query folded from the other', () => {
    const toTaiwan = Converter({ from: 'cn', to: 'tw' });
    const stored = toTaiwan('记录本省户籍人口和常住人口的基本信息，按日汇总。');
    const { text, highlights } = snippet(stored, ['户籍', '人口']);
    expect(text).toBe(stored);
    expect(highlights.map(([s, e]) => text.slice(s, e))).toEqual([toTaiwan('户籍'), '人口', '人口']);
  });

  it('keeps marks on the right characters when a folded character lies outside the BMP', () => {
    const rare = String.fromCodePoint(0x35f2); // folds to U+20D7E: one UTF-16 unit becomes two
    const { text, highlights } = snippet(`${rare}${rare}人口信息`, ['人口']);
    expect(highlights.map(([s, e]) => text.slice(s, e))).toEqual(['人口']);
  });

  it('matches regardless of width and case', () => {
    const { text, highlights } = snippet('接口采用ＲＥＳＴ协议', ['rest']);
    expect(highlights.map(([s, e]) => text.slice(s, e))).toEqual(['ＲＥＳＴ']);
  });
});
