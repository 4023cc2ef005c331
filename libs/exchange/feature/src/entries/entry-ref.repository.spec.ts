import { toEntryRef, type EntryRefRaw } from './entry-ref.repository.js';

const raw: EntryRefRaw = {
  id: 'e0000000-0000-4000-8000-000000000001',
  code: '101001/100000000001',
  node_code: '360000',
  organisation_id: 'o0000000-0000-4000-8000-000000000001',
  name: '人口基本信息',
  status: 'published',
  grade_category: 'general',
  grade_level: 3,
  items: [{ name: '姓名', dataType: 'C' }],
  sharing_type: 'conditional',
};

describe('toEntryRef', () => {
  it('maps every column of a row to its field, the grade as a data grade', () => {
    expect(toEntryRef(raw)).toEqual({
      id: raw.id,
      code: '101001/100000000001',
      nodeCode: '360000',
      organisationId: raw.organisation_id,
      name: '人口基本信息',
      status: 'published',
      grade: 'general-3',
      items: [{ name: '姓名', dataType: 'C' }],
      sharingType: 'conditional',
    });
  });

  it('has no grade before one is seen; core and important have no level', () => {
    expect(toEntryRef({ ...raw, grade_category: null, grade_level: null }).grade).toBeNull();
    expect(toEntryRef({ ...raw, grade_category: 'core', grade_level: null }).grade).toBe('core');
    expect(toEntryRef({ ...raw, grade_category: 'important', grade_level: null }).grade).toBe('important');
  });
});
