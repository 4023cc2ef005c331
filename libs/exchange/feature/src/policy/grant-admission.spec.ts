import type { GrantStatus } from '@govdata/contracts';
import { CallRefusal } from '../calls/call.exception.js';
import { admissionRule, GRANT_ADMISSION_RULES, grantRefusal, type GrantFacts } from './grant-admission.js';

const CONSUMER = { node: 'n360000', organisationId: 'org-consumer', subject: 'service:client-1' };

function grant(status: GrantStatus, overrides: Partial<GrantFacts['grant']> = {}): GrantFacts['grant'] {
  return {
    id: 'g-1',
    status,
    consumerNode: CONSUMER.node,
    consumerOrganisationId: CONSUMER.organisationId,
    serviceAccounts: [],
    revokedReason: status === 'revoked' ? '超出用途使用' : null,
    validFrom: '2026-03-01',
    validUntil: '2026-03-31',
    ...overrides,
  };
}

/** Noon in Beijing of a date. */
const on = (date: string): Date => new Date(`${date}T04:00:00Z`);

const STATES: GrantStatus[] = ['active', 'revoked', 'expired'];

describe('the admission table', () => {
  it('checks the grant, then the plan, then the limits, each with its refusal, status and outcome', () => {
    expect(
      GRANT_ADMISSION_RULES.map(({ check, stage, refusal, status, outcome }) => [
        check,
        stage,
        refusal,
        status,
        outcome,
      ]),
    ).toEqual([
      ['grantee', 'grant', 'not-grantee', 403, 'denied'],
      ['service-account', 'grant', 'service-account-not-granted', 403, 'denied'],
      ['not-revoked', 'grant', 'grant-revoked', 403, 'denied'],
      ['not-expired', 'grant', 'grant-expired', 403, 'denied'],
      ['already-valid', 'grant', 'grant-not-yet-valid', 403, 'denied'],
      ['resource-registered', 'plan', 'resource-not-registered', 503, 'failed'],
      ['operation-exposed', 'plan', 'operation-not-exposed', 404, 'denied'],
      ['rate', 'limits', 'rate-limited', 429, 'denied'],
      ['quota', 'limits', 'quota-exceeded', 429, 'denied'],
    ]);
    for (const rule of GRANT_ADMISSION_RULES) {
      expect(admissionRule(rule.check)).toBe(rule);
      expect(rule.fails !== undefined && rule.message !== undefined, rule.check).toBe(rule.stage === 'grant');
    }
  });
});

describe('grantRefusal: every grant state × day of its validity', () => {
  // The day of the call against a grant valid 2026-03-01 … 2026-03-31 (Beijing dates).
  const DAYS = {
    before: '2026-02-28',
    first: '2026-03-01',
    within: '2026-03-15',
    last: '2026-03-31',
    after: '2026-04-01',
  } as const;
  const EXPECTED: Record<GrantStatus, Record<keyof typeof DAYS, CallRefusal | null>> = {
    active: {
      before: CallRefusal.GrantNotYetValid,
      first: null,
      within: null,
      last: null,
      after: CallRefusal.GrantExpired,
    },
    revoked: {
      before: CallRefusal.GrantRevoked,
      first: CallRefusal.GrantRevoked,
      within: CallRefusal.GrantRevoked,
      last: CallRefusal.GrantRevoked,
      after: CallRefusal.GrantRevoked,
    },
    expired: {
      before: CallRefusal.GrantExpired,
      first: CallRefusal.GrantExpired,
      within: CallRefusal.GrantExpired,
      last: CallRefusal.GrantExpired,
      after: CallRefusal.GrantExpired,
    },
  };

  for (const status of STATES) {
    for (const [day, date] of Object.entries(DAYS) as Array<[keyof typeof DAYS, string]>) {
      it(`${status} grant, called ${day} its validity: ${EXPECTED[status][day] ?? 'admitted'}`, () => {
        expect(grantRefusal(grant(status), CONSUMER, on(date))?.rule.refusal ?? null).toBe(EXPECTED[status][day]);
      });
    }
  }

  it('counts the day in Beijing: 16:00 UTC is the next day', () => {
    const active = grant('active');
    expect(grantRefusal(active, CONSUMER, new Date('2026-03-31T15:59:59Z'))).toBeNull();
    expect(grantRefusal(active, CONSUMER, new Date('2026-03-31T16:00:00Z'))?.rule.refusal).toBe(
      CallRefusal.GrantExpired,
    );
    expect(grantRefusal(active, CONSUMER, new Date('2026-02-28T15:59:59Z'))?.rule.refusal).toBe(
      CallRefusal.GrantNotYetValid,
    );
    expect(grantRefusal(active, CONSUMER, new Date('2026-02-28T16:00:00Z'))).toBeNull();
  });
});

describe('grantRefusal: every grant state × who calls', () => {
  const CALLERS = {
    grantee: { consumer: CONSUMER, serviceAccounts: [] as string[] },
    'named account': { consumer: CONSUMER, serviceAccounts: ['client-1', 'client-2'] },
    'another organisation': { consumer: { ...CONSUMER, organisationId: 'org-other' }, serviceAccounts: [] },
    'another node': { consumer: { ...CONSUMER, node: 'n110000' }, serviceAccounts: [] },
    'unnamed account': { consumer: CONSUMER, serviceAccounts: ['client-2'] },
    'unnamed account of another organisation': {
      consumer: { ...CONSUMER, organisationId: 'org-other' },
      serviceAccounts: ['client-2'],
    },
  };
  const STATE_REFUSAL: Record<GrantStatus, CallRefusal | null> = {
    active: null,
    revoked: CallRefusal.GrantRevoked,
    expired: CallRefusal.GrantExpired,
  };
  const WHO_REFUSAL: Record<keyof typeof CALLERS, CallRefusal | null> = {
    grantee: null,
    'named account': null,
    'another organisation': CallRefusal.NotGrantee,
    'another node': CallRefusal.NotGrantee,
    'unnamed account': CallRefusal.ServiceAccountNotGranted,
    'unnamed account of another organisation': CallRefusal.NotGrantee,
  };

  for (const status of STATES) {
    for (const [who, { consumer, serviceAccounts }] of Object.entries(CALLERS) as Array<
      [keyof typeof CALLERS, (typeof CALLERS)[keyof typeof CALLERS]]
    >) {
      // Who may call is checked before the grant's state: a stranger learns nothing of it.
      const expected = WHO_REFUSAL[who] ?? STATE_REFUSAL[status];
      it(`${status} grant, ${who}: ${expected ?? 'admitted'}`, () => {
        const refusal = grantRefusal(grant(status, { serviceAccounts }), consumer, on('2026-03-15'));
        expect(refusal?.rule.refusal ?? null).toBe(expected);
      });
    }
  }
});

describe('grantRefusal: what the refused caller is told', () => {
  const at = on('2026-03-15');

  it('names the grant and what does not fit', () => {
    expect(grantRefusal(grant('active'), { ...CONSUMER, organisationId: 'org-x' }, at)?.message).toBe(
      '授权 g-1 不是授予节点 n360000 的机构 org-x 的 (grant g-1 was not made to organisation org-x of node n360000)',
    );
    expect(grantRefusal(grant('active', { serviceAccounts: ['client-2'] }), CONSUMER, at)?.message).toBe(
      '服务账号 client-1 不在授权 g-1 指定的服务账号之列 (service account client-1 is not among those grant g-1 names)',
    );
    expect(grantRefusal(grant('revoked'), CONSUMER, at)?.message).toBe(
      '授权 g-1 已被撤销 (grant g-1 was revoked: 超出用途使用)',
    );
    expect(grantRefusal(grant('revoked', { revokedReason: null }), CONSUMER, at)?.message).toBe(
      '授权 g-1 已被撤销 (grant g-1 was revoked)',
    );
    expect(grantRefusal(grant('expired'), CONSUMER, at)?.message).toBe(
      '授权 g-1 已于 2026-03-31 后过期 (grant g-1 expired after 2026-03-31)',
    );
    expect(grantRefusal(grant('active'), CONSUMER, on('2026-02-01'))?.message).toBe(
      '授权 g-1 自 2026-03-01 起生效 (grant g-1 is valid from 2026-03-01)',
    );
  });

  it('matches a named service account by its client id, with or without the service: prefix', () => {
    const named = grant('active', { serviceAccounts: ['client-1'] });
    expect(grantRefusal(named, { ...CONSUMER, subject: 'client-1' }, at)).toBeNull();
    expect(grantRefusal(named, { ...CONSUMER, subject: 'service:client-1' }, at)).toBeNull();
    expect(grantRefusal(named, { ...CONSUMER, subject: 'user:client-1' }, at)?.rule.check).toBe('service-account');
  });
});
