import { snippet } from './search-snippet.js';

describe('snippet', () => {
  const abstract = `${'本數據由省公安廳按日匯總，'.repeat(5)}記錄本省戶籍人口和常住人口的基本信息，包括姓名與公民身份號碼。`;

  it('cuts around the first match and marks every match in the passage', () => {
    const { text, highlights } = snippet(abstract, ['人口']);
    expect(text.startsWith('…')).toBe(true);
    expect(highlights.length).toBe(2);
    for (const [start, end] of highlights) expect(text.slice(start, end)).toBe('人口');
  });

  it('starts at the beginning when nothing matches in the abstract (the match was in items or tags)', () => {
    const { text, highlights } = snippet('全省企業登記信息。', ['人口']);
    expect(text).toBe('全省企業登記信息。');
    expect(highlights).toEqual([]);
  });

  it('matches regardless of width and case', () => {
    const { text, highlights } = snippet('接口采用ＲＥＳＴ協議', ['rest']);
    expect(highlights.map(([s, e]) => text.slice(s, e))).toEqual(['ＲＥＳＴ']);
  });
});
