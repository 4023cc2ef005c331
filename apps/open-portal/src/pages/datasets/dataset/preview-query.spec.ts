import { describe, expect, it } from 'vitest';
import { previewQuery, queryableColumns } from './preview-query.js';

describe('a resource preview’s query', () => {
  const resource = {
    columns: [
      { item: '姓名', dataType: 'C', masked: true },
      { item: '性别', dataType: 'C', masked: false },
      { item: '人数', dataType: 'N', masked: false },
    ],
  };

  it('sorts and filters on unmasked columns only', () => {
    expect(queryableColumns(resource)).toEqual(['性别', '人数']);
  });

  it('asks for 20 rows, with the sort and one filter when given', () => {
    expect(previewQuery({ sortItem: '', sortDirection: 'asc', filterItem: '', filterValue: '' })).toEqual({
      limit: 20,
      after: undefined,
      sort: undefined,
      filters: undefined,
    });
    expect(
      previewQuery({ sortItem: '人数', sortDirection: 'desc', filterItem: '性别', filterValue: ' 女 ' }, 'cursor-2'),
    ).toEqual({ limit: 20, after: 'cursor-2', sort: '人数 desc', filters: { 性别: '女' } });
  });

  it('leaves out a filter without a value', () => {
    expect(previewQuery({ sortItem: '', sortDirection: 'asc', filterItem: '性别', filterValue: '  ' }).filters).toBe(
      undefined,
    );
  });
});
