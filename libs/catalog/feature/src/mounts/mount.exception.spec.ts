import { PROBE_FAILURES, type ProbeFailure } from './postgres-table-probe.js';
import { MountRule, PROBE_FAILURE_RULES } from './mount.exception.js';

describe('PROBE_FAILURE_RULES', () => {
  it('answers each probe failure with the rule `source-<failure>` it always had', () => {
    for (const failure of Object.keys(PROBE_FAILURES) as ProbeFailure[]) {
      expect(PROBE_FAILURE_RULES[failure]).toBe(`source-${failure}`);
    }
  });

  it('names each rule once', () => {
    const rules = Object.values(PROBE_FAILURE_RULES);
    expect(new Set(rules).size).toBe(rules.length);
    for (const rule of rules) expect(Object.values(MountRule)).toContain(rule);
  });
});
