import { Converter } from 'opencc-js';
import { entryItemKeys, judgeSharedItems, sharedItems } from './item-overlap.js';

const population = [
  { name: '姓名' },
  { name: '公民身份号码', dataElement: 'DE00001' },
  { name: '性别' },
  { name: '出生日期' },
  { name: '户籍地址' },
];

describe('一数一源 item overlap', () => {
  it('matches items by normalised name, else by data element, each item once', () => {
    const other = entryItemKeys([
      { name: ' 姓 名 ' },
      { name: '身份证号', dataElement: 'de00001' },
      { name: '性别' },
      { name: '出生日期' },
      { name: '联系电话' },
    ]);
    expect(sharedItems(population, other)).toEqual([
      { item: '姓名', otherItem: ' 姓 名 ', by: 'name' },
      { item: '公民身份号码', otherItem: '身份证号', by: 'dataElement' },
      { item: '性别', otherItem: '性别', by: 'name' },
      { item: '出生日期', otherItem: '出生日期', by: 'name' },
    ]);
  });

  it('matches item names typed in the other script', () => {
    // Derived at run time: the same items as another provider typed them in the other script.
    const toTraditional = Converter({ from: 'cn', to: 'tw' });
    const toSimplified = Converter({ from: 'tw', to: 'cn' });
    for (const convert of [toTraditional, toSimplified]) {
      const other = entryItemKeys(population.map((item) => ({ name: convert(item.name) })));
      expect(sharedItems(population, other).map((s) => [s.item, s.by])).toEqual(
        population.map((item) => [item.name, 'name']),
      );
    }
  });

  it('calls it the same data from 80% of the items and at least 3 of them', () => {
    const shared = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ item: `i${i}`, otherItem: `i${i}`, by: 'name' as const }));
    expect(judgeSharedItems(5, shared(4))).toEqual({ ratio: 0.8, same: true });
    expect(judgeSharedItems(5, shared(3))).toEqual({ ratio: 0.6, same: false });
    expect(judgeSharedItems(2, shared(2))).toEqual({ ratio: 1, same: false });
    expect(judgeSharedItems(3, shared(3)).same).toBe(true);
  });

  it('keys each item by name and by data element', () => {
    expect(entryItemKeys(population).map((k) => k.key)).toEqual([
      'n:姓名',
      'n:公民身份号码',
      'e:DE00001',
      'n:性别',
      'n:出生日期',
      'n:户籍地址',
    ]);
  });
});
