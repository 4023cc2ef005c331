import { isUuid } from './uuid.js';

describe('isUuid', () => {
  it('accepts the canonical form in either case and refuses anything else', () => {
    expect(isUuid('6f1c2a4e-8d3b-4f0a-9c7e-1b2d3e4f5a6b')).toBe(true);
    expect(isUuid('6F1C2A4E-8D3B-4F0A-9C7E-1B2D3E4F5A6B')).toBe(true);
    expect(isUuid('101001/360100000042')).toBe(false);
    expect(isUuid('6f1c2a4e8d3b4f0a9c7e1b2d3e4f5a6b')).toBe(false);
    expect(isUuid(' 6f1c2a4e-8d3b-4f0a-9c7e-1b2d3e4f5a6b')).toBe(false);
  });
});
