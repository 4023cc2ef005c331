import { toInherited, toStandardConflict } from './standards.repository.js';

describe('toInherited', () => {
  it('maps a standard issued here: no receipt, no path', () => {
    expect(
      toInherited({
        kind: 'classification',
        key: '101001',
        origin_node: '360000',
        version: 2,
        action: 'upsert',
        body: { code: '101001' },
        inherited: false,
        issued_at: new Date('2026-03-02T01:00:00Z'),
        received_at: null,
        path: null,
        outcome: null,
      }),
    ).toEqual({
      kind: 'classification',
      key: '101001',
      origin: '360000',
      version: 2,
      action: 'upsert',
      body: { code: '101001' },
      inherited: false,
      issuedAt: '2026-03-02T01:00:00.000Z',
      receivedAt: null,
      path: null,
      outcome: null,
    });
  });

  it('maps an inherited standard with where it came from', () => {
    expect(
      toInherited({
        kind: 'calendar-year',
        key: '2027',
        origin_node: '100000',
        version: 1,
        action: 'upsert',
        body: {},
        inherited: true,
        issued_at: new Date('2026-03-02T01:00:00Z'),
        received_at: new Date('2026-03-02T01:00:05Z'),
        path: ['100000', '360000'],
        outcome: 'applied',
      }),
    ).toMatchObject({
      inherited: true,
      receivedAt: '2026-03-02T01:00:05.000Z',
      path: ['100000', '360000'],
      outcome: 'applied',
    });
  });
});

describe('toStandardConflict', () => {
  it('maps a recorded conflict; no local value reads null', () => {
    expect(
      toStandardConflict({
        id: 'k1',
        origin_node: '100000',
        kind: 'directive',
        key: 'annual-review-campaign-2026',
        version: 1,
        rule: 'campaign-already-opened',
        resolution: 'kept-local',
        message: 'kept',
        local: null,
        inherited: { year: 2026 },
        recorded_at: new Date('2026-03-02T01:00:00Z'),
      }),
    ).toEqual({
      id: 'k1',
      origin: '100000',
      kind: 'directive',
      key: 'annual-review-campaign-2026',
      version: 1,
      rule: 'campaign-already-opened',
      resolution: 'kept-local',
      message: 'kept',
      local: null,
      inherited: { year: 2026 },
      recordedAt: '2026-03-02T01:00:00.000Z',
    });
  });
});
