import { toSystemEntryRow } from './system-entry-row.js';

describe('an entry naming an information system, as selected', () => {
  it('maps the columns and keeps an unpublished entry without a published version', () => {
    const content = { sharing: { type: 'conditional' }, grade: { category: 'general' } };
    expect(
      toSystemEntryRow({
        id: '00000000-0000-4000-8000-000000000001',
        code: '101001/360100000001',
        organisation_id: '00000000-0000-4000-8000-0000000000aa',
        head_state: 'draft',
        published_version: null,
        retired: false,
        name: '企业登记信息',
        content,
      }),
    ).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      code: '101001/360100000001',
      organisationId: '00000000-0000-4000-8000-0000000000aa',
      name: '企业登记信息',
      headState: 'draft',
      publishedVersion: null,
      retired: false,
      content,
    });
  });
});
