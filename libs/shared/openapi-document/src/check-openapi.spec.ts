import { GovdataError } from '@govdata/platform-errors';
import { checkOpenApi } from './check-openapi.js';

const document = {
  openapi: '3.0.3',
  info: { title: '人口信息查询接口', version: '1.0' },
  servers: [{ url: 'https://api.example.gov.cn/v1' }],
  paths: {
    '/persons/{id}': {
      parameters: [],
      get: { operationId: 'getPerson', summary: '按身份证号查询' },
    },
    '/persons': { post: { summary: 'create' } },
  },
};

function problemsOf(run: () => unknown): Array<{ path: string; rule: string }> {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GovdataError);
    expect((error as GovdataError).httpStatus).toBe(422);
    return (error as GovdataError).fields.map(({ path, rule }) => ({ path, rule }));
  }
  throw new Error('expected a rule violation');
}

describe('OpenAPI check', () => {
  it('finds the operation by operationId or by method and path', () => {
    expect(checkOpenApi(document, { operationId: 'getPerson' })).toEqual({
      version: '3.0.3',
      title: '人口信息查询接口',
      servers: ['https://api.example.gov.cn/v1'],
      operation: { method: 'GET', path: '/persons/{id}', operationId: 'getPerson', summary: '按身份证号查询' },
    });
    expect(
      checkOpenApi({ ...document, openapi: '3.1.0' }, { method: 'POST', path: '/persons' }).operation,
    ).toMatchObject({
      method: 'POST',
      operationId: null,
    });
  });

  it('names an operation the document does not have, listing the ones it has', () => {
    try {
      checkOpenApi(document, { operationId: 'deletePerson' });
    } catch (error) {
      expect((error as GovdataError).fields[0]).toMatchObject({
        path: 'operation.operationId',
        rule: 'operation-exists',
        message: expect.stringContaining('GET /persons/{id} (getPerson)'),
      });
      return;
    }
    throw new Error('expected a rule violation');
  });

  it('refuses Swagger 2.0 and documents without a title or operations, all at once', () => {
    expect(problemsOf(() => checkOpenApi({ swagger: '2.0', info: {}, paths: {} }, { operationId: 'x' }))).toEqual([
      { path: 'openapi.openapi', rule: 'openapi-3' },
      { path: 'openapi.info.title', rule: 'required' },
      { path: 'openapi.paths', rule: 'has-operations' },
    ]);
  });
});
