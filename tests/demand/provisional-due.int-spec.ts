import { TEST_NOTICE_2027 } from '../catalog/calendar-2027.fixture.js';
import { waitFor } from '@govdata/platform-testing';
import { sampleApplication, startDemandNode, type DemandNode } from './demand-harness.js';

/**
 * One calendar per node, demand side: a review step whose due date falls in a year without its
 * holiday notice gets a provisional date counted on the holiday rules; when the node's catalog
 * loads the notice (`PUT …/settings/calendar/2027`), the demand service — which keeps the node's
 * calendar from the catalog's calendar-year standard events — recounts the step and clears the mark.
 */
describe('demand step due dates on a provisional year', () => {
  let node: DemandNode;

  beforeAll(async () => {
    node = await startDemandNode();
  });

  afterAll(async () => {
    await node?.close();
  });

  it('dates a step in 2027 provisionally and recounts it on the notice the catalog loads', async () => {
    const entry = await node.publishEntry(node.orgA);
    const applicant = await node.token(node.orgB, ['demand-applicant'], 'applicant-b');
    const dataAdmin = await node.token(node.orgB, ['data-admin'], 'data-admin');
    node.setNow('2027-02-03T02:00:00Z'); // Wednesday
    const filed = await node.api('POST', '/api/v1/demand/applications', {
      token: applicant,
      body: sampleApplication(entry.id, { validUntil: '2027-06-30' }),
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    // 4 Feb (1); 春节 5–8 Feb by the rules, 补假 9 and 10 Feb; 11 (2), 12 Feb (3).
    expect(filed.body.timeline.at(-1)).toMatchObject({
      step: 'department-review',
      dueOn: '2027-02-12',
      provisional: true,
    });

    const loaded = await node.api('PUT', '/api/v1/catalog/settings/calendar/2027', {
      token: dataAdmin,
      body: TEST_NOTICE_2027,
    });
    expect(loaded.status, JSON.stringify(loaded.body)).toBe(200);
    const step = await waitFor(
      async () => {
        const read = await node.api('GET', `/api/v1/demand/applications/${filed.body.id}`, { token: applicant });
        const last = read.body.timeline.at(-1);
        return last.provisional ? undefined : last;
      },
      30_000,
      'the step recounted on the loaded notice',
    );
    // 4 Feb (1); 5–13 Feb off by the notice; 15 (2), 16 Feb (3).
    expect(step).toMatchObject({ step: 'department-review', dueOn: '2027-02-16' });
    expect(step.provisional).toBeUndefined();
    const kept = await node.demandSql('SELECT year, origin FROM demand_calendar_year');
    expect(kept).toEqual([{ year: 2027, origin: node.config.node.code }]);
  });
});
