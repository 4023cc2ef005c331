import { LedgerError, LedgerProblem } from './ledger.exception.js';
import { parseAuditRecord, recordLeafData, recordLeafHash } from './audit-record.js';
import { hashLeaf } from '@govdata/rfc6962';

const sampleRecord = {
  callId: '0b7c1f0e-52f4-4c43-9a52-3f1f6b2f8a01',
  at: '2026-03-01T09:30:00.125+08:00',
  consumer: { node: '360000', organisationId: '5d0f7f3e-3b8e-4d52-8d1e-1d6a0e2b9c11', subject: 'service:sa-1' },
  provider: { node: '360100', organisationId: '7a6f1c2d-1e4b-4f3a-9c8d-2b1a0f9e8d22' },
  grantId: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c33',
  resource: '360000-01-01/00001',
  items: 25,
  outcome: 'ok',
  latencyMs: 87,
  bytes: 10_240,
  requestHash: 'a'.repeat(64),
};

describe('audit records', () => {
  it('hashes the RFC 8785 canonical JSON, whatever the key order or nesting order', () => {
    const reordered = JSON.parse(JSON.stringify({ ...sampleRecord, consumer: { ...sampleRecord.consumer } }));
    const shuffled = Object.fromEntries(Object.entries(reordered).reverse());
    expect(recordLeafData(shuffled).toString()).toBe(recordLeafData(sampleRecord).toString());
    expect(recordLeafData({ b: 1, a: [1e21, 'é', 0.5] }).toString()).toBe('{"a":[1e+21,"é",0.5],"b":1}');
    expect(recordLeafHash(sampleRecord)).toEqual(hashLeaf(recordLeafData(sampleRecord)));
    expect(recordLeafHash({ ...sampleRecord, items: 26 })).not.toEqual(recordLeafHash(sampleRecord));
  });

  it('accepts a well-formed call record as is', () => {
    expect(parseAuditRecord(sampleRecord)).toEqual(sampleRecord);
  });

  it('refuses a bad record naming each field and rule', () => {
    const error = (() => {
      try {
        parseAuditRecord(
          { ...sampleRecord, items: -1, outcome: 'maybe', requestHash: 'xyz', extra: 1, resource: 'a\u0000b' },
          'records.3',
        );
      } catch (e) {
        return e as LedgerError;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(LedgerError);
    expect(error).toMatchObject({ problem: LedgerProblem.InvalidRecord, httpStatus: 400 });
    expect(error!.fields.map((f) => [f.path, f.rule])).toEqual(
      expect.arrayContaining([
        ['records.3.items', 'too_small'],
        ['records.3.outcome', 'invalid_value'],
        ['records.3.requestHash', 'invalid_format'],
        ['records.3.resource', 'json-text'],
        ['records.3', 'unrecognized_keys'],
      ]),
    );
  });

  it('refuses values JSON cannot carry exactly', () => {
    expect(() => recordLeafData({ a: Number.NaN })).toThrow(LedgerError);
    expect(() => recordLeafData({ a: '\ud800' })).toThrow(LedgerError);
    expect(() => recordLeafData(undefined)).toThrow(LedgerError);
  });
});
