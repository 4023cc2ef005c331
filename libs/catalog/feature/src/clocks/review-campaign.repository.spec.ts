import { toCampaign, toCampaignCounts, type ReviewCampaignRaw } from './review-campaign.repository.js';

describe('toCampaign', () => {
  const raw: ReviewCampaignRaw = {
    id: '00000000-0000-4000-8000-000000000001',
    node_code: '360100',
    year: 2026,
    started_on: '2026-03-02',
    working_days: 60,
    opened_by: 'admin-1',
    opened_at: new Date('2026-03-02T01:00:00Z'),
    directive_origin: null,
    directive_key: null,
  };

  it('maps a campaign the node opened itself', () => {
    expect(toCampaign(raw)).toEqual({
      id: raw.id,
      nodeCode: '360100',
      year: 2026,
      startedOn: '2026-03-02',
      workingDays: 60,
      openedBy: 'admin-1',
      openedAt: '2026-03-02T01:00:00.000Z',
      directive: null,
    });
  });

  it("names the ancestor's directive a campaign was opened on", () => {
    const campaign = toCampaign({
      ...raw,
      directive_origin: '360000',
      directive_key: 'annual-review-campaign-2026',
    });
    expect(campaign.directive).toEqual({ origin: '360000', key: 'annual-review-campaign-2026' });
  });
});

describe('toCampaignCounts', () => {
  it('maps every count', () => {
    expect(
      toCampaignCounts({ total: 9, confirmed: 3, closed_otherwise: 1, open: 5, overdue: 2, due_unknown: 1 }),
    ).toEqual({ total: 9, confirmed: 3, closedOtherwise: 1, open: 5, overdue: 2, dueUnknown: 1 });
  });
});
