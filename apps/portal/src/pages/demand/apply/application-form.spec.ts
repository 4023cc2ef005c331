import { describe, expect, it } from 'vitest';
import { applicationBody, emptyApplicationForm } from './application-form.js';

describe('applicationBody', () => {
  it("names the entry by id (this node's) or by code (a replica) and sends what was typed", () => {
    const form = {
      ...emptyApplicationForm(['统一社会信用代码', '名称']),
      purpose: '核验企业登记信息',
      legalBasis: '《优化营商环境条例》',
      validUntil: '2027-12-31',
      callsPerDay: 100,
    };
    expect(applicationBody({ entryId: 'e1' }, form)).toEqual({
      target: { kind: 'entry', entryId: 'e1' },
      requestedItems: ['统一社会信用代码', '名称'],
      purpose: '核验企业登记信息',
      legalBasis: '《优化营商环境条例》',
      validUntil: '2027-12-31',
      expectedVolume: { callsPerDay: 100 },
    });
    expect(applicationBody({ entryCode: '360100-1/00001' }, form).target).toEqual({
      kind: 'entry',
      entryCode: '360100-1/00001',
    });
  });

  it('leaves out an empty scenario and volume but sends empty required fields for the API to name', () => {
    const body = applicationBody({ entryId: 'e1' }, emptyApplicationForm());
    expect(body).toEqual({
      target: { kind: 'entry', entryId: 'e1' },
      requestedItems: [],
      purpose: '',
      legalBasis: '',
      validUntil: '',
    });
  });
});
