import { describe, expect, it } from 'vitest';
import { toneOf } from './status-tone.js';

describe('toneOf', () => {
  it('gives the same word the same colour in every domain, grey for words it does not know', () => {
    expect(toneOf('published')).toBe('success');
    expect(toneOf('returned')).toBe('danger');
    expect(toneOf('down')).toBe('danger');
    expect(toneOf('some-new-state')).toBe('info');
  });
});
