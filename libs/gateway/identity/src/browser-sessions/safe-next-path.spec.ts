import { safeNextPath } from './safe-next-path.js';

describe('safeNextPath', () => {
  it.each([
    ['/catalog/entries?q=人口#top', '/catalog/entries?q=%E4%BA%BA%E5%8F%A3#top'],
    ['/', '/'],
    ['/exchange/../catalog', '/catalog'],
  ])('keeps the same-origin path %s', (next, kept) => {
    expect(safeNextPath(next)).toBe(kept);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    'javascript:alert(1)',
    'catalog',
    '',
    '/login?next=https://evil.example',
    '/logout',
    `/${'a'.repeat(2_048)}`,
  ])('refuses %j as /', (next) => {
    expect(safeNextPath(next)).toBe('/');
  });

  it('refuses what is not a string', () => {
    expect(safeNextPath(undefined)).toBe('/');
    expect(safeNextPath(['/catalog'])).toBe('/');
  });
});
