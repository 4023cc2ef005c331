import { highlightNeedles, lexemes, nameKey, parseQuery, toTsquery, tokenVector } from './search-tokenizer.js';

describe('lexemes and tokenVector', () => {
  it('indexes Han text as bigrams plus the last character of each run', () => {
    expect([...lexemes(['人口基本信息'])]).toEqual(['人口', '口基', '基本', '本信', '信息', '息']);
  });

  it('keeps every character findable: each one starts a token', () => {
    const tokens = [...lexemes(['社保，参保'])];
    for (const char of '社保参') expect(tokens.some((l) => l.startsWith(char))).toBe(true);
    // Punctuation breaks a run: no bigram spans "保，参".
    expect(tokens).not.toContain('保参');
  });

  it('keeps list elements apart', () => {
    expect(lexemes(['户籍', '人口'])).not.toContain('籍人');
  });

  it('folds full-width and case, keeps Latin words and digits whole, and quotes safely', () => {
    const tokens = lexemes(["ＧＢ/Ｔ 21063 PostgreSQL数据 O'Neil"]);
    for (const t of ['gb', 't', '21063', 'postgresql', '数据', 'o', 'neil']) expect(tokens).toContain(t);
    expect(tokenVector(['a\\b', '人口'])).toBe("'a' 'b' '人口' '口'");
    expect(tokenVector(['数据数据'])).toBe("'数据' '据数' '据'");
  });
});

describe('parseQuery and toTsquery', () => {
  it('splits a phrase into words that must all occur, each as all of its bigrams', () => {
    const q = parseQuery('人口基本信息');
    expect(q.terms.map((t) => t.forms[0])).toEqual(['人口', '基本', '信息']);
    expect(toTsquery(q)).toBe("'人口' & '基本' & '信息'");
  });

  it('drops standalone function characters, so 人口的基本信息 still finds 人口基本信息', () => {
    expect(parseQuery('人口的基本信息').terms.map((t) => t.forms[0])).toEqual(['人口', '基本', '信息']);
    expect(parseQuery('的').terms.map((t) => t.forms[0])).toEqual(['的']);
  });

  it('keeps single characters the segmenter could not join as one chunk', () => {
    // ICU splits 参保 into 参|保; together they are the phrase 参保.
    const q = parseQuery('参保人员');
    expect(q.terms.map((t) => t.forms[0])).toEqual(['参保', '人员']);
    expect(toTsquery(parseQuery('参保登记明细'))).toContain("'参保'");
  });

  it('matches abbreviations (简称) and their full forms both ways', () => {
    const abbreviation = parseQuery('社保');
    expect(abbreviation.terms).toHaveLength(1);
    expect(abbreviation.terms[0]!.forms).toEqual(['社保', '社会保险']);
    expect(toTsquery(abbreviation)).toBe("('社保' | ('社会' & '会保' & '保险'))");
    const full = parseQuery('社会保险参保');
    expect(full.terms[0]!.forms).toContain('社保');
    expect(full.terms.map((t) => t.forms[0])).toEqual(['社会保险', '参保']);
    expect(parseQuery('社保', { literal: true }).terms).toEqual([{ kind: 'han', forms: ['社保'] }]);
  });

  it('matches a lone character as a prefix and Latin words and numbers as prefixes', () => {
    expect(toTsquery(parseQuery('簿'))).toBe("'簿':*");
    expect(toTsquery(parseQuery('PostG 1010'))).toBe("'postg':* & '1010':*");
  });

  it('has no query for text without letters or digits', () => {
    expect(toTsquery(parseQuery('！？ ，'))).toBeNull();
  });

  it('dedupes repeated terms and builds the name key without spaces or case', () => {
    expect(parseQuery('人口 人口').terms).toHaveLength(1);
    expect(nameKey(' 人口 基本 ＡＰＩ ')).toBe('人口基本api');
    expect(highlightNeedles(parseQuery('人口 基本信息'))).toEqual(['人口', '基本', '信息']);
  });
});
