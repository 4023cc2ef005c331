import { createHash } from 'node:crypto';
import { canonicalJson, contentDigest } from './canonical-json.js';
import { MerkleProblem } from './merkle.exception.js';

describe('canonical JSON', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    const value = { b: 1, a: { d: [1, { y: 2, x: 1 }], c: '中文目录' } };
    expect(canonicalJson(value)).toBe('{"a":{"c":"中文目录","d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it('gives the same digest for the same record whatever the key order, a different one otherwise', () => {
    const a = { code: '360100-0001', title: '企业登记信息', version: 3, tags: ['工商', '登记'] };
    const b = { tags: ['工商', '登记'], version: 3, title: '企业登记信息', code: '360100-0001' };
    expect(contentDigest(a)).toBe(contentDigest(b));
    expect(contentDigest({ ...a, tags: ['登记', '工商'] })).not.toBe(contentDigest(a));
  });

  it('hashes the UTF-8 bytes of the canonical text (SHA-256, lower-case hex)', () => {
    expect(contentDigest({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    const text = '{"名称":"南昌市"}';
    expect(contentDigest({ 名称: '南昌市' })).toBe(
      createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'),
    );
  });

  it('writes numbers, dates and absent fields as JSON does', () => {
    expect(canonicalJson({ n: 1.0, big: 1e21, neg: -0, at: new Date('2025-06-01T08:00:00Z'), gone: undefined })).toBe(
      '{"at":"2025-06-01T08:00:00.000Z","big":1e+21,"n":1,"neg":0}',
    );
    const shared = { x: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });

  it.each([
    ['NaN', { n: Number.NaN }],
    ['Infinity', [Number.POSITIVE_INFINITY]],
    ['undefined in an array', [1, undefined]],
    ['a bigint', { n: 1n }],
    ['a Map', { m: new Map([['a', 1]]) }],
    ['a function', { f: () => 1 }],
  ])('refuses %s rather than hash something else', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(expect.objectContaining({ problem: MerkleProblem.NotCanonical }));
  });

  it('refuses a value that contains itself', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop['self'] = loop;
    expect(() => contentDigest(loop)).toThrow(/refers to itself/);
  });
});
