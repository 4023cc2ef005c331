import { toExportedEntry } from './excel-export-row.js';

const row = {
  code: '101001/360100000001',
  head_state: 'draft' as const,
  published_version: null,
  retired_at: null,
  content: { name: '企业登记信息' } as never,
  provider_name: '南昌市市场监督管理局',
  provider_code: '11360100MB1234567X',
  publish_date: null,
};

describe('an exported entry as selected', () => {
  it('says the status a reader of the entry sees', () => {
    expect(toExportedEntry(row)).toEqual({
      code: '101001/360100000001',
      status: 'draft',
      providerName: '南昌市市场监督管理局',
      providerCode: '11360100MB1234567X',
      publishDate: null,
      content: { name: '企业登记信息' },
    });
    expect(toExportedEntry({ ...row, head_state: 'submitted', published_version: 1 }).status).toBe('published');
    expect(
      toExportedEntry({ ...row, head_state: 'published', published_version: 1, retired_at: new Date() }).status,
    ).toBe('retired');
  });
});
