import { isDueForRenewal, renewalDueAt } from './rotation.js';
import { childNode, rootNode } from './pki-tree.fixture.js';

describe('certificate rotation timing', () => {
  const lifetime = { notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date('2025-12-31T00:00:00Z') };

  it('is due after two thirds of the validity', () => {
    const due = renewalDueAt(lifetime);
    // 364 days × 2/3 = 242 days 16 hours
    expect(due.toISOString()).toBe('2025-08-31T16:00:00.000Z');
    expect(isDueForRenewal(lifetime, new Date('2025-08-31T15:59:59Z'))).toBe(false);
    expect(isDueForRenewal(lifetime, new Date('2025-08-31T16:00:00Z'))).toBe(true);
    expect(isDueForRenewal(lifetime, new Date('2025-06-01T00:00:00Z'), 0.4)).toBe(true);
    expect(() => renewalDueAt(lifetime, 1.5)).toThrow(RangeError);
  });

  it('reads the validity from a certificate', async () => {
    const root = await rootNode();
    const province = await childNode(root, { code: '360000', name: '江西省' }, { validityDays: 30 });
    const due = renewalDueAt(province.certificatePem);
    expect(isDueForRenewal(province.certificatePem)).toBe(false);
    expect(isDueForRenewal(province.certificatePem, new Date(Date.now() + 21 * 86_400_000))).toBe(true);
    expect(due.getTime()).toBeGreaterThan(Date.now() + 19 * 86_400_000);
  });
});
