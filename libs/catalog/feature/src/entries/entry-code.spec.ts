import { formatEntryCode, parseEntryCode } from './entry-code.js';

describe('信息资源代码', () => {
  it('joins the classification (前段码) and the node code with a six-digit sequence (后段码)', () => {
    expect(formatEntryCode('101001', '360100', 42)).toBe('101001/360100000042');
    expect(formatEntryCode('203', '11100000000013338W', 7)).toBe('203/11100000000013338W000007');
  });

  it('reads a code back, and refuses malformed ones', () => {
    expect(parseEntryCode('101001/360100000042')).toEqual({ prefix: '101001', nodeCode: '360100', sequence: 42 });
    expect(parseEntryCode('203/11100000000013338W000007')).toEqual({
      prefix: '203',
      nodeCode: '11100000000013338W',
      sequence: 7,
    });
    expect(parseEntryCode('101001-360100000042')).toBeNull();
    expect(parseEntryCode('401/360100000001')).toBeNull();
    expect(parseEntryCode('101/36010000001')).toBeNull();
  });
});
