import { describe, expect, it } from 'vitest';
import { returnPath } from './return-path.js';

describe('the page to return to after signing in', () => {
  it('is a path of this portal, and nothing that leads to another site', () => {
    expect(returnPath('/datasets/d1')).toBe('/datasets/d1');
    expect(returnPath('/account/applications?x=1')).toBe('/account/applications?x=1');
    for (const elsewhere of ['//evil.example/x', 'https://evil.example', '/\\evil.example', '', undefined, null]) {
      expect(returnPath(elsewhere)).toBeUndefined();
    }
    expect(returnPath(['/datasets/d1'])).toBeUndefined();
  });
});
