import { describe, expect, it } from 'vitest';
import { decisionBody, decisionFields, emptyDecisionForm } from './decision-form.js';

describe('decision form', () => {
  it('asks a legal ground of a provider-side refusal and of a revocation, a comment of the department', () => {
    expect(decisionFields('reject', true, false)).toEqual(['groundCode', 'comment']);
    expect(decisionFields('reject', false, false)).toEqual(['comment']);
    expect(decisionFields('revoke', true, false)).toEqual(['groundCode', 'comment']);
    expect(decisionFields('approve', true, true)).toEqual(['referToAuthority', 'comment']);
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
      decisionBody('approve', ['referToAuthority', 'comment'], { ...emptyDecisionForm(), referToAuthority: true }),
    ).toEqual({
      referToAuthority: true,
    });
  });
});
