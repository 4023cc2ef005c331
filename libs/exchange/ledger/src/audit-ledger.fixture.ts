import type { AuditRecord } from './audit-record.js';

const uuid = (n: number, tag: string) =>
  `${tag}${n.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`.slice(-36);

/** `count` distinct, valid call records (records 0, 1, … differ in call id, items and bytes). */
export function sampleRecords(count: number, from = 0): AuditRecord[] {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    return {
      callId: uuid(i, ''),
      at: new Date(Date.UTC(2026, 2, 1, 1, 30, 0, i)).toISOString(),
      consumer: {
        node: '360000',
        organisationId: '5d0f7f3e-3b8e-4d52-8d1e-1d6a0e2b9c11',
        subject: `service:sa-${i % 3}`,
      },
      provider: { node: '360100', organisationId: '7a6f1c2d-1e4b-4f3a-9c8d-2b1a0f9e8d22' },
      grantId: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c33',
      resource: '360000-01-01/00001',
      items: i % 50,
      outcome: i % 7 === 6 ? 'denied' : 'ok',
      latencyMs: 10 + (i % 90),
      bytes: 1_000 + i * 17,
      requestHash: (i.toString(16).padStart(4, '0') + 'a'.repeat(60)).slice(0, 64),
    };
  });
}
