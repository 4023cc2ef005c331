import { GovdataError } from '@govdata/platform-errors';
import { parseInput } from '@govdata/platform-service';
import { mountBody } from './mount.dto.js';

function paths(body: unknown): string[] {
  try {
    parseInput(mountBody, body);
  } catch (error) {
    expect((error as GovdataError).httpStatus).toBe(400);
    return (error as GovdataError).fields.map((f) => f.path);
  }
  return [];
}

describe('mount body', () => {
  it('tells the kinds apart and names the missing fields of each', () => {
    expect(paths({ kind: 'queue', name: 'x' })).toEqual(['kind']);
    expect(
      paths({ kind: 'table', name: '人口表', dataSourceId: 'not-a-uuid', table: 'person', columnMapping: [] }),
    ).toEqual(['dataSourceId', 'columnMapping']);
  });

  it('defaults the schema of a table to public', () => {
    const parsed = parseInput(mountBody, {
      kind: 'table',
      name: '人口表',
      dataSourceId: '7d1f0b0e-1111-4222-8333-444455556666',
      table: 'person',
      columnMapping: [{ column: 'xm', item: '姓名' }],
    });
    expect(parsed).toMatchObject({ schema: 'public' });
  });

  it('needs an OpenAPI document (with the operation) or an endpoint for an API', () => {
    expect(paths({ kind: 'api', name: '查询接口' })).toEqual(['openapi']);
    expect(paths({ kind: 'api', name: '查询接口', openapi: { openapi: '3.0.0' } })).toEqual(['operation']);
    expect(paths({ kind: 'api', name: '查询接口', endpoint: { url: 'ftp://x', method: 'get' } })).toEqual([
      'endpoint.url',
    ]);
    expect(
      parseInput(mountBody, { kind: 'api', name: '查询接口', endpoint: { url: 'https://a.gov.cn/q', method: 'get' } }),
    ).toMatchObject({
      endpoint: { method: 'GET' },
    });
  });

  it('takes a file either by reference (with size and SHA-256) or by content', () => {
    expect(paths({ kind: 'file', name: 'a.csv', mediaType: 'text/csv' })).toEqual(['url']);
    expect(paths({ kind: 'file', name: 'a.csv', mediaType: 'text/csv', url: 'https://a.gov.cn/a.csv' })).toEqual([
      'size',
      'sha256',
    ]);
    expect(paths({ kind: 'file', name: 'a.csv', mediaType: 'text/csv', contentBase64: '5Lq65Y+j' })).toEqual([]);
    expect(paths({ kind: 'file', name: 'a.csv', mediaType: 'csv', contentBase64: '%%%' })).toEqual([
      'mediaType',
      'contentBase64',
    ]);
  });
});
