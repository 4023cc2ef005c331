import { toEntryRef, type EntryRefRow } from './entry-ref.repository.js';

describe('entry_ref rows', () => {
  it('maps a row to the entry, reading the bigint version as a number', () => {
    const row: EntryRefRow = {
      entry_id: '00000000-0000-4000-8000-000000000002',
      node_code: '360100',
      code: '101001/360100000001',
      name: '人口基本信息',
      organisation_id: '00000000-0000-4000-8000-00000000000b',
      provider_name: '江西省公安厅',
      sharing_type: 'conditional',
      sharing_conditions: null,
      sharing_legal_basis: null,
      grade_category: 'important',
      items: ['姓名'],
      retired: false,
      replica: true,
      version: '9007199254740',
    };
    expect(toEntryRef(row)).toEqual({
      entryId: row.entry_id,
      nodeCode: '360100',
      code: '101001/360100000001',
      name: '人口基本信息',
      organisationId: row.organisation_id,
      providerName: '江西省公安厅',
      sharingType: 'conditional',
      sharingConditions: null,
      sharingLegalBasis: null,
      gradeCategory: 'important',
      items: ['姓名'],
      retired: false,
      replica: true,
      version: 9007199254740,
    });
  });
});
