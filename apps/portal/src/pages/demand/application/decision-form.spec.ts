import { describe, expect, it } from 'vitest';
import {
  decisionBody,
  decisionFields,
  emptyDecisionForm,
  emptyTermsForm,
  termsBody,
  termsErrorFields,
} from './decision-form.js';

describe('decision form', () => {
  it('asks a legal ground of a provider-side refusal and of a revocation, a comment of the department', () => {
    expect(decisionFields('reject', true, false)).toEqual(['groundCode', 'comment']);
    expect(decisionFields('reject', false, false)).toEqual(['comment']);
    expect(decisionFields('revoke', true, false)).toEqual(['groundCode', 'comment']);
    expect(decisionFields('approve', true, true)).toEqual(['referToAuthority', 'terms', 'comment']);
    expect(decisionFields('approve', false, false)).toEqual(['comment']);
    expect(decisionFields('decide-contest', false, false)).toEqual(['decision', 'terms', 'comment']);
  });

  it('sends what was chosen, leaves an empty optional comment out and sends required text as typed', () => {
    const form = { ...emptyDecisionForm(), groundCode: 'law-1', comment: '' };
    expect(decisionBody('reject', ['groundCode', 'comment'], form)).toEqual({ groundCode: 'law-1' });
    expect(decisionBody('contest', ['comment'], emptyDecisionForm())).toEqual({ comment: '' });
    expect(
      decisionBody('decide-contest', ['decision', 'comment'], {
        ...emptyDecisionForm(),
        decision: 'overturn',
        comment: '理由',
      }),
    ).toEqual({
      decision: 'overturn',
      comment: '理由',
    });
    expect(
      decisionBody('approve', ['referToAuthority', 'terms', 'comment'], {
        ...emptyDecisionForm(),
        referToAuthority: true,
      }),
    ).toEqual({
      referToAuthority: true,
    });
  });

  it('sends the grant terms filled in, numbers as numbers, and none when nothing was filled in', () => {
    expect(termsBody(emptyTermsForm())).toBeUndefined();
    expect(
      termsBody({
        ...emptyTermsForm(),
        items: ['姓名'],
        validUntil: ' 2027-06-30 ',
        ratePerSecond: '2.5',
        burst: '10',
        quotaPerDay: '',
        quotaPerMonth: '300000',
        serviceAccounts: ['sa-traffic'],
      }),
    ).toEqual({
      items: ['姓名'],
      validUntil: '2027-06-30',
      ratePerSecond: 2.5,
      burst: 10,
      quotaPerMonth: 300000,
      serviceAccounts: ['sa-traffic'],
    });
    // Not a number: sent as typed, so that the API's error names the field.
    expect(termsBody({ ...emptyTermsForm(), burst: '十' })).toEqual({ burst: '十' });
  });

  it('puts the terms in an approval in provider review, and in a ruling only when it overturns', () => {
    const form = { ...emptyDecisionForm(), terms: { ...emptyTermsForm(), quotaPerDay: '1000' } };
    expect(decisionBody('approve', decisionFields('approve', true, true), form)).toEqual({
      terms: { quotaPerDay: 1000 },
    });
    expect(decisionBody('approve', decisionFields('approve', false, false), form)).toEqual({});
    const fields = decisionFields('decide-contest', false, false);
    expect(decisionBody('decide-contest', fields, { ...form, decision: 'uphold', comment: '理由' })).toEqual({
      decision: 'uphold',
      comment: '理由',
    });
    expect(decisionBody('decide-contest', fields, { ...form, decision: 'overturn', comment: '理由' })).toEqual({
      decision: 'overturn',
      comment: '理由',
      terms: { quotaPerDay: 1000 },
    });
  });

  it('places the API errors about a term beside that term', () => {
    expect(termsErrorFields()).toEqual([
      'terms',
      'terms.items',
      'terms.validUntil',
      'terms.ratePerSecond',
      'terms.burst',
      'terms.quotaPerDay',
      'terms.quotaPerMonth',
      'terms.serviceAccounts',
    ]);
  });
});
