import { GovdataError } from '@govdata/platform-errors';
import type { EntryRef } from '../ledger/entry-ref.js';
import { ApplicationRule } from './application.exception.js';
import type { ApplicationRecord } from './application.types.js';
import { DEFAULT_BURST, DEFAULT_RATE_PER_SECOND, entryItems, grantTerms } from './grant-terms.js';

const entry: EntryRef = {
  entryId: '00000000-0000-4000-8000-000000000002',
  nodeCode: '100000',
  code: '101001/100000000001',
  name: '人口基本信息',
  organisationId: '00000000-0000-4000-8000-00000000000b',
  providerName: '公安部',
  sharingType: 'conditional',
  sharingConditions: null,
  sharingLegalBasis: null,
  gradeCategory: 'general',
  items: ['姓名', '公民身份号码', '出生日期'],
  retired: false,
  replica: true,
  version: 1,
};

const app = {
  nodeCode: '360100',
  applicant: { organisationId: '00000000-0000-4000-8000-00000000000a' },
  requestedItems: ['姓名', '公民 身份号码'],
  purpose: '核验',
  validUntil: '2027-06-30',
  expectedVolume: { callsPerDay: 500 },
} as unknown as ApplicationRecord;

function ruleOf(fn: () => unknown): unknown {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as GovdataError).fields.map((f) => [f.path, f.rule]);
  }
}

describe('grant terms', () => {
  it('grants the requested items as the entry spells them, with the default rate and the applicant estimate as quota', () => {
    expect(grantTerms(app, entry, undefined, '2026-09-14')).toEqual({
      consumerOrganisationId: app.applicant.organisationId,
      consumerNode: '360100',
      providerNode: '100000',
      providerOrganisationId: entry.organisationId,
      entryId: entry.entryId,
      entryCode: entry.code,
      items: ['姓名', '公民身份号码'],
      purpose: '核验',
      validFrom: '2026-09-14',
      validUntil: '2027-06-30',
      ratePerSecond: DEFAULT_RATE_PER_SECOND,
      burst: DEFAULT_BURST,
      quotaPerDay: 500,
      quotaPerMonth: null,
    });
  });

  it('grants every item of the entry when none requested is one of them (data answered after cataloguing)', () => {
    expect(grantTerms({ ...app, requestedItems: ['企业名称'] }, entry, undefined, '2026-09-14').items).toEqual(
      entry.items,
    );
  });

  it("takes the reviewer's terms over the defaults", () => {
    const terms = grantTerms(
      app,
      entry,
      {
        items: ['出生日期'],
        validUntil: '2027-01-31',
        ratePerSecond: 1,
        burst: 2,
        quotaPerDay: null,
        serviceAccounts: ['svc'],
      },
      '2026-09-14',
    );
    expect(terms).toMatchObject({
      items: ['出生日期'],
      validUntil: '2027-01-31',
      ratePerSecond: 1,
      burst: 2,
      quotaPerDay: null,
      serviceAccounts: ['svc'],
    });
    expect('serviceAccounts' in grantTerms(app, entry, { serviceAccounts: [] }, '2026-09-14')).toBe(false);
  });

  it('refuses a grant that does not run past today, runs past the request, or names an item the entry lacks', () => {
    expect(ruleOf(() => grantTerms(app, entry, { validUntil: '2026-09-14' }, '2026-09-14'))).toEqual([
      ['terms.validUntil', ApplicationRule.FutureDate],
    ]);
    expect(ruleOf(() => grantTerms(app, entry, { validUntil: '2027-07-01' }, '2026-09-14'))).toEqual([
      ['terms.validUntil', ApplicationRule.WithinRequested],
    ]);
    expect(ruleOf(() => grantTerms(app, entry, { items: ['姓名', '住址', '民族'] }, '2026-09-14'))).toEqual([
      ['terms.items.1', ApplicationRule.EntryItem],
      ['terms.items.2', ApplicationRule.EntryItem],
    ]);
    expect(entryItems(['姓名', '出生 日期', '姓名'], entry, 'requestedItems')).toEqual(['姓名', '出生日期']);
  });
});
