import { toConflict, type SourceConflictRaw } from './source-conflict.repository.js';

const raw: SourceConflictRaw = {
  id: 'c1',
  status: 'open',
  score: 0.8,
  reasons: [{ kind: 'same-items', sharedItems: [], itemCount: 5, ratio: 0.8 }],
  detected_at: new Date('2026-03-02T01:00:00.123Z'),
  last_detected_at: new Date('2026-03-03T01:00:00Z'),
  authoritative_entry_id: null,
  note: null,
  decided_by: null,
  decided_by_name: null,
  decided_at: null,
  cursor_at: '2026-03-02 09:00:00.123456+08',
  a_id: 'e1',
  a_code: '101001-360000-000001',
  a_name: '人口基础信息',
  a_organisation_id: 'o1',
  a_organisation_name: '公安厅',
  a_head_state: 'submitted',
  a_published_version: null,
  a_retired: false,
  a_authority: null,
  b_id: 'e2',
  b_code: '101001-360000-000002',
  b_name: '人口基本信息',
  b_organisation_id: 'o2',
  b_organisation_name: null,
  b_head_state: 'draft',
  b_published_version: 1,
  b_retired: true,
  b_authority: 'e1',
};

describe('toConflict', () => {
  it('maps an open flag with both entries and labelled reasons', () => {
    expect(toConflict(raw)).toEqual({
      id: 'c1',
      status: 'open',
      statusLabel: { zh: '待处理', en: 'Open' },
      score: 0.8,
      reasons: [
        {
          kind: 'same-items',
          sharedItems: [],
          itemCount: 5,
          ratio: 0.8,
          label: { zh: '信息项相同', en: 'Same data items' },
        },
      ],
      entry: {
        id: 'e1',
        code: '101001-360000-000001',
        name: '人口基础信息',
        organisationId: 'o1',
        organisationName: '公安厅',
        status: 'submitted',
        authoritativeEntryId: null,
      },
      other: {
        id: 'e2',
        code: '101001-360000-000002',
        name: '人口基本信息',
        organisationId: 'o2',
        organisationName: null,
        status: 'retired',
        authoritativeEntryId: 'e1',
      },
      detectedAt: '2026-03-02T01:00:00.123Z',
      lastDetectedAt: '2026-03-03T01:00:00.000Z',
      decision: null,
    });
  });

  it('maps the decision of a resolved flag', () => {
    const conflict = toConflict({
      ...raw,
      status: 'resolved',
      authoritative_entry_id: 'e1',
      note: '以公安厅为准',
      decided_by: 'reviewer-1',
      decided_by_name: '审核员',
      decided_at: new Date('2026-03-04T01:00:00Z'),
    });
    expect(conflict.statusLabel.en).toBe('Authoritative source designated');
    expect(conflict.decision).toEqual({
      authoritativeEntryId: 'e1',
      note: '以公安厅为准',
      decidedBy: 'reviewer-1',
      decidedByName: '审核员',
      decidedAt: '2026-03-04T01:00:00.000Z',
    });
  });
});
