import { describe, expect, it } from 'vitest';
import { mayActFor } from './feedback-access.js';

const NODE = '360000';
const OWN = 'o-own';
const OTHER = 'o-other';
const person = (roles: string[], authority = false) => ({ nodeCode: NODE, organisationId: OWN, roles, authority });

describe('mayActFor', () => {
  it('lets the authority’s data-admin answer any demand, routed or not; a department’s only its own', () => {
    expect(mayActFor(person(['data-admin'], true), 'open-data.demand.answer', OTHER, NODE)).toBe(true);
    expect(mayActFor(person(['data-admin'], true), 'open-data.demand.answer', null, NODE)).toBe(true);
    expect(mayActFor(person(['provider-reviewer']), 'open-data.demand.answer', OWN, NODE)).toBe(true);
    expect(mayActFor(person(['provider-reviewer']), 'open-data.demand.answer', OTHER, NODE)).toBe(false);
    expect(mayActFor(person(['provider-reviewer']), 'open-data.demand.answer', null, NODE)).toBe(false);
    expect(mayActFor(person(['auditor'], true), 'open-data.demand.answer', OTHER, NODE)).toBe(false);
  });

  it('lets only the providing department answer an error report, not the authority', () => {
    expect(mayActFor(person(['data-admin']), 'open-data.error-report.answer', OWN, NODE)).toBe(true);
    expect(mayActFor(person(['data-admin'], true), 'open-data.error-report.answer', OTHER, NODE)).toBe(false);
    expect(mayActFor(person(['provider-reviewer']), 'open-data.error-report.answer', OTHER, NODE)).toBe(false);
    expect(
      mayActFor({ ...person(['provider-reviewer']), nodeCode: '360100' }, 'open-data.error-report.answer', OWN, NODE),
    ).toBe(false);
  });
});
