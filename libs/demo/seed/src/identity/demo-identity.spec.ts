import { checkUscc, isGovernmentBodyUscc } from '@govdata/codes';
import { passwordPolicyProblems } from '@govdata/gateway-identity';
import { DEMO_ACCOUNTS, DEMO_ORGANISATIONS, DEMO_PASSWORD } from './demo-identity.js';

describe('demo identity data', () => {
  it('gives every demo organisation a valid USCC of its node, unique per node', () => {
    for (const [nodeCode, organisations] of Object.entries(DEMO_ORGANISATIONS)) {
      const region = nodeCode.length === 18 ? nodeCode.slice(2, 8) : nodeCode;
      for (const o of organisations) {
        expect(checkUscc(o.uscc), `${o.name} ${o.uscc}`).toEqual({ wellFormed: true, checkDigitValid: true });
        expect(o.uscc.slice(2, 8), o.name).toBe(region);
        expect(o.kind === 'department' ? isGovernmentBodyUscc(o.uscc) : o.uscc.startsWith('12'), o.name).toBe(true);
      }
      expect(new Set(organisations.map((o) => o.uscc)).size).toBe(organisations.length);
      expect(organisations.filter((o) => o.placement === 'authority')).toHaveLength(1);
      expect(organisations.filter((o) => o.placement === 'provider')).toHaveLength(1);
    }
  });

  it('covers the four demo nodes', () => {
    expect(Object.keys(DEMO_ORGANISATIONS).sort()).toEqual(['100000', '11100000000013338W', '360000', '360100']);
    expect(DEMO_ORGANISATIONS['11100000000013338W']![0]!.uscc).toBe('11100000000013338W');
  });

  it('has admin, editor, reviewer, data admin, auditor and the demand accounts with a demo password that passes the policy', () => {
    expect(DEMO_ACCOUNTS.map((a) => [a.username, a.roles])).toEqual([
      ['admin', ['node-admin']],
      ['editor', ['catalog-editor']],
      ['reviewer', ['catalog-reviewer']],
      ['dataadmin', ['data-admin']],
      ['auditor', ['auditor']],
      ['applicant', ['data-admin', 'demand-applicant']],
      ['approver', ['demand-approver']],
      ['provider', ['data-admin', 'provider-reviewer']],
    ]);
    for (const account of DEMO_ACCOUNTS) {
      expect(account.password).toBe(DEMO_PASSWORD);
      expect(passwordPolicyProblems(account.password, account.username)).toEqual([]);
    }
  });
});
