import { toOrganisation, type OrganisationRow } from './organisation.repository.js';

describe('toOrganisation', () => {
  it('maps every column of an organisation row to its field', () => {
    const created = new Date('2026-09-14T02:00:00.123Z');
    const updated = new Date('2026-09-15T03:00:00.456Z');
    const row: OrganisationRow = {
      id: '6f1c2a34-0000-4000-8000-000000000001',
      node_code: '360000',
      name: '江西省公安厅',
      uscc: '113600000145010259',
      region_code: '360000',
      kind: 'department',
      parent_id: '6f1c2a34-0000-4000-8000-000000000000',
      is_root: false,
      authority: true,
      version: 3,
      active: false,
      created_at: created,
      updated_at: updated,
      page_key: '2026-09-14T02:00:00.123000Z',
    };
    expect(toOrganisation(row)).toEqual({
      id: '6f1c2a34-0000-4000-8000-000000000001',
      nodeCode: '360000',
      name: '江西省公安厅',
      uscc: '113600000145010259',
      regionCode: '360000',
      kind: 'department',
      parentId: '6f1c2a34-0000-4000-8000-000000000000',
      isRoot: false,
      authority: true,
      version: 3,
      active: false,
      createdAt: created,
      updatedAt: updated,
    });
  });

  it('keeps a root organisation without parent', () => {
    const row = {
      id: 'a',
      node_code: '100000',
      name: '国家政务数据共享平台',
      uscc: '111000000000000000',
      region_code: '100000',
      kind: 'government',
      parent_id: null,
      is_root: true,
      authority: true,
      version: 1,
      active: true,
      created_at: new Date(0),
      updated_at: new Date(0),
      page_key: 'k',
    } satisfies OrganisationRow;
    expect(toOrganisation(row)).toMatchObject({ parentId: null, isRoot: true, kind: 'government' });
  });
});
