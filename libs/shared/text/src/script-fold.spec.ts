import { Converter } from 'opencc-js';
import { comparableName, foldedOffsets, foldScript } from './script-fold.js';

// Traditional forms are derived at run time (the repository's literals are simplified).
const toTaiwan = Converter({ from: 'cn', to: 'tw' });
const toHongKong = Converter({ from: 'cn', to: 'hk' });
/** U+35F2, a traditional character whose simplified form (U+20D7E) is outside the BMP (escaped: a literal would be converted). */
const RARE = String.fromCodePoint(0x35f2);

describe('foldScript', () => {
  it('folds the searches of the report to the same text in either script', () => {
    for (const words of ['企业登记', '不动产登记', '医保结算', '公积金', '社会保险', '公民身份号码']) {
      expect(toTaiwan(words)).not.toBe(words);
      expect(foldScript(toTaiwan(words))).toBe(words);
      expect(foldScript(toHongKong(words))).toBe(words);
      expect(foldScript(words)).toBe(words);
    }
  });

  it('folds a word written alike in both scripts and its traditional form together', () => {
    // "notable", escaped: its second character is simplified too, and a traditional → simplified
    // conversion of this file would rewrite it. One-way folding would change the simplified word.
    const notable = '\u663e\u8457';
    expect(foldScript(notable)).toBe(notable);
    expect(foldScript(toTaiwan(notable))).toBe(notable);
    // Phrases decide characters with two simplified forms.
    expect(foldScript(toTaiwan('干燥'))).toBe('干燥');
    expect(foldScript(toTaiwan('乾隆'))).toBe('乾隆');
  });

  it('folds Taiwan and Hong Kong variants', () => {
    const inside = toTaiwan('里面');
    expect(foldScript(inside)).toBe('里面');
    expect(foldScript(toHongKong('卫生健康'))).toBe('卫生健康');
  });

  it('leaves Latin text, digits and punctuation alone and is idempotent', () => {
    expect(foldScript('GB/T 21063-2007，API v2')).toBe('GB/T 21063-2007，API v2');
    const once = foldScript(toTaiwan('数据资源目录编制指南'));
    expect(foldScript(once)).toBe(once);
  });

  it('keeps the number of characters, so positions carry over to the stored text', () => {
    const samples = [toTaiwan('二恶英检测数据'), toTaiwan('住房公积金缴存信息'), `${RARE}人口`];
    for (const text of samples) expect([...foldScript(text)].length).toBe([...text].length);
  });
});

describe('foldedOffsets', () => {
  it('maps folded offsets to the original text when a folded character leaves the BMP', () => {
    const original = `${RARE}人口`;
    const folded = foldScript(original);
    expect(folded.length).toBe(original.length + 1);
    const offsets = foldedOffsets(original, folded);
    const at = folded.indexOf('人口');
    expect(original.slice(offsets[at]!, offsets[at + 2]!)).toBe('人口');
    expect(offsets[folded.length]).toBe(original.length);
  });
});

describe('comparableName', () => {
  it('compares names across script, width and case', () => {
    expect(comparableName(toTaiwan('企业登记信息（ＡＰＩ）'))).toBe(comparableName('企业登记信息(api)'));
  });
});
