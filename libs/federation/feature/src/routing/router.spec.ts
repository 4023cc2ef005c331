import { isInSubtree } from '../links/envelope-rules.js';
import { childToward } from './router.js';

const MINISTRY = '11100000000013338W';

describe('the federation tree as routing sees it', () => {
  it('knows every node of a subtree, two levels down from national', () => {
    expect(isInSubtree('100000', '100000')).toBe(true);
    expect(isInSubtree('100000', '360000')).toBe(true);
    expect(isInSubtree('100000', '360100')).toBe(true);
    expect(isInSubtree('100000', MINISTRY)).toBe(true);
    expect(isInSubtree('360000', '360100')).toBe(true);
    expect(isInSubtree('360000', '440100')).toBe(false);
    expect(isInSubtree('360100', '360000')).toBe(false);
    expect(isInSubtree(MINISTRY, '360100')).toBe(false);
    expect(isInSubtree('360000', '100000')).toBe(false);
  });

  it('picks the child on the way down', () => {
    expect(childToward('100000', '360100')).toBe('360000');
    expect(childToward('100000', '360000')).toBe('360000');
    expect(childToward('100000', MINISTRY)).toBe(MINISTRY);
    expect(childToward('360000', '360100')).toBe('360100');
    expect(childToward('360000', '440100')).toBeNull();
  });
});
