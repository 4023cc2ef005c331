import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { ROLES, type Principal, type Role } from '@govdata/platform-auth';
import {
  CHILD_STATES,
  ENROLMENT_WORKFLOW,
  EnrolmentEffect,
  EnrolmentGuard,
  EnrolmentVerb,
  checkGuards,
  isEnrolmentRefusal,
  rowFor,
  runEffects,
  transition,
  type ChildState,
  type EnrolmentActor,
} from './enrolment-workflow.js';

const NODE = '360000';

function operatorWith(role: Role, where: { authority?: boolean; nodeCode?: string } = {}): EnrolmentActor {
  const principal: Principal = {
    subject: `user:${role}`,
    kind: 'user',
    organisationId: 'org-root',
    nodeCode: where.nodeCode ?? NODE,
    roles: [role],
    authority: where.authority ?? true,
  };
  return { kind: 'principal', principal, nodeCode: NODE };
}

/** Every kind of caller: each role held node-wide here, each held elsewhere, a token holder, a child's link. */
const ACTORS: Array<[string, EnrolmentActor]> = [
  ...ROLES.map((role): [string, EnrolmentActor] => [role, operatorWith(role)]),
  ...ROLES.map((role): [string, EnrolmentActor] => [
    `${role} outside an authority organisation`,
    operatorWith(role, { authority: false }),
  ]),
  ...ROLES.map((role): [string, EnrolmentActor] => [
    `${role} of another node`,
    operatorWith(role, { nodeCode: '110000' }),
  ]),
  ['enrolment-token holder', { kind: 'enrolment-token' }],
  ['child link', { kind: 'child-link', childCode: '360100' }],
];

const FEDERATION_OPERATORS = ['node-admin', 'operator'];

/** The workflow as the issue states it, written out independently of the table: who, and from → to. */
const EXPECTED: Record<EnrolmentVerb, { who: string[]; to: Record<ChildState, ChildState | null> }> = {
  [EnrolmentVerb.IssueToken]: {
    who: FEDERATION_OPERATORS,
    to: { unknown: 'unknown', pending: 'pending', active: null, revoked: 'revoked' },
  },
  [EnrolmentVerb.Request]: {
    who: ['enrolment-token holder'],
    to: { unknown: 'pending', pending: 'pending', active: 'active', revoked: 'pending' },
  },
  [EnrolmentVerb.Approve]: {
    who: FEDERATION_OPERATORS,
    to: { unknown: 'active', pending: 'active', active: 'active', revoked: 'active' },
  },
  [EnrolmentVerb.Reject]: {
    who: FEDERATION_OPERATORS,
    to: { unknown: 'unknown', pending: 'unknown', active: 'active', revoked: 'revoked' },
  },
  [EnrolmentVerb.Renew]: {
    who: ['child link'],
    to: { unknown: null, pending: null, active: 'active', revoked: null },
  },
  [EnrolmentVerb.Revoke]: {
    who: FEDERATION_OPERATORS,
    to: { unknown: null, pending: null, active: 'revoked', revoked: null },
  },
};

describe('enrolment workflow table', () => {
  const cells = Object.values(EnrolmentVerb).flatMap((verb) =>
    CHILD_STATES.flatMap((state) => ACTORS.map(([name, actor]) => [verb, state, name, actor] as const)),
  );

  it.each(cells)('%s a child in state %s, asked by %s', (verb, state, name, actor) => {
    const expected = EXPECTED[verb];
    const result = transition(state, verb, actor);
    if (!expected.who.includes(name)) {
      expect(result).toEqual({ refused: 'forbidden' });
    } else if (expected.to[state] === null) {
      expect(result).toEqual({ refused: 'state', from: state, verb });
    } else {
      expect(isEnrolmentRefusal(result)).toBe(false);
      expect(result).toMatchObject({ from: state, verb, to: expected.to[state] });
    }
  });

  it('has one row per state and verb, and no verb without a row', () => {
    const keys = ENROLMENT_WORKFLOW.map((row) => `${row.verb} ${row.from}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const verb of Object.values(EnrolmentVerb)) expect(keys.some((k) => k.startsWith(`${verb} `))).toBe(true);
  });

  it('checks the same guards, in the same order, whatever the state', () => {
    const guards: Record<EnrolmentVerb, EnrolmentGuard[]> = {
      [EnrolmentVerb.IssueToken]: [EnrolmentGuard.LevelOfCode, EnrolmentGuard.ChildOfThisNode],
      [EnrolmentVerb.Request]: [
        EnrolmentGuard.TokenKnown,
        EnrolmentGuard.TokenUnused,
        EnrolmentGuard.TokenUnexpired,
        EnrolmentGuard.CsrNamesTokenChild,
      ],
      [EnrolmentVerb.Approve]: [EnrolmentGuard.NodeCertified, EnrolmentGuard.EnrolmentPending],
      [EnrolmentVerb.Reject]: [EnrolmentGuard.EnrolmentPending],
      [EnrolmentVerb.Renew]: [EnrolmentGuard.CsrNamesLinkChild],
      [EnrolmentVerb.Revoke]: [EnrolmentGuard.HoldsCertificate],
    };
    for (const row of ENROLMENT_WORKFLOW) expect(row.guards).toEqual(guards[row.verb]);
  });

  it('names the effects of each step in the order they run', () => {
    const effects = (verb: EnrolmentVerb, from: ChildState) =>
      ENROLMENT_WORKFLOW.find((row) => row.verb === verb && row.from === from)?.effects;
    expect(effects(EnrolmentVerb.Approve, 'pending')).toEqual([
      EnrolmentEffect.SignCertificate,
      EnrolmentEffect.RecordApproval,
      EnrolmentEffect.ListActive,
      EnrolmentEffect.RecordCertificate,
    ]);
    // Only a child that was just pending leaves the registry when its enrolment is rejected.
    expect(effects(EnrolmentVerb.Reject, 'pending')).toEqual([
      EnrolmentEffect.RecordRejection,
      EnrolmentEffect.ForgetPending,
    ]);
    for (const from of ['unknown', 'active', 'revoked'] as const) {
      expect(effects(EnrolmentVerb.Reject, from)).toEqual([EnrolmentEffect.RecordRejection]);
    }
    expect(effects(EnrolmentVerb.Revoke, 'active')).toEqual([
      EnrolmentEffect.RevokeCertificates,
      EnrolmentEffect.SignCrl,
      EnrolmentEffect.MarkRevoked,
      EnrolmentEffect.CutLinks,
    ]);
    expect(effects(EnrolmentVerb.Renew, 'active')).toEqual([
      EnrolmentEffect.SignCertificate,
      EnrolmentEffect.RecordRenewal,
      EnrolmentEffect.RecordCertificate,
    ]);
  });
});

describe('running the table', () => {
  const admin = operatorWith('node-admin');

  it('throws 403 for a caller the verb does not admit, and the caller’s own refusal for a state', () => {
    const forbidden = (() => {
      try {
        rowFor('active', EnrolmentVerb.Revoke, operatorWith('auditor'), () => new Error('state'));
      } catch (error) {
        return error;
      }
    })();
    expect(forbidden).toBeInstanceOf(GovdataError);
    expect((forbidden as GovdataError).code).toBe(ErrorCode.Forbidden);
    expect(() => rowFor('pending', EnrolmentVerb.Revoke, admin, () => new Error('not active'))).toThrow('not active');
    expect(rowFor('active', EnrolmentVerb.Revoke, admin, () => new Error('unused')).to).toBe('revoked');
  });

  it('runs the effects in the table’s order and refuses a row naming an effect the caller lacks', async () => {
    const row = rowFor('pending', EnrolmentVerb.Reject, admin, () => new Error('state'));
    const ran: string[] = [];
    await runEffects(row, {
      [EnrolmentEffect.ForgetPending]: async () => void ran.push('forget'),
      [EnrolmentEffect.RecordRejection]: async () => void ran.push('reject'),
    });
    expect(ran).toEqual(['reject', 'forget']);
    await expect(runEffects(row, { [EnrolmentEffect.RecordRejection]: async () => undefined })).rejects.toThrow(
      /no handler for effect forget-pending/,
    );
  });

  it('checks guards in order and stops at the first that fails', async () => {
    const seen: EnrolmentGuard[] = [];
    await expect(
      checkGuards(EnrolmentVerb.Request, (guard) => {
        seen.push(guard);
        if (guard === EnrolmentGuard.TokenUnused) throw new Error('used');
      }),
    ).rejects.toThrow('used');
    expect(seen).toEqual([EnrolmentGuard.TokenKnown, EnrolmentGuard.TokenUnused]);
  });
});
