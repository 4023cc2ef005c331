import {
  findOpenApiOperation,
  listOpenApiOperations,
  OPENAPI_METHODS,
  openApiVersionProblem,
} from './openapi-document.js';
import { OpenApiDocumentRule } from './openapi-document.exception.js';

describe('openApiVersionProblem', () => {
  it('accepts 3.x.y (with a pre-release), refuses anything else, naming Swagger 2 for what it is', () => {
    for (const version of ['3.0.0', '3.0.3', '3.1.0', '3.1', '3.2.0-rc.1']) {
      expect(openApiVersionProblem({ openapi: version }), version).toBeNull();
    }
    for (const version of ['2.0', '4.0.0', '3', '3.x', 3.1, null]) {
      expect(openApiVersionProblem({ openapi: version }), String(version)).toEqual({
        path: 'openapi.openapi',
        rule: OpenApiDocumentRule.OpenApi3,
        message: '文档须声明 "openapi": "3.x.y" (the document must declare "openapi": "3.x.y")',
      });
    }
    expect(openApiVersionProblem({ swagger: '2.0' })?.message).toBe(
      '不接受 Swagger 2.0 文档，请将其转换为 OpenAPI 3 (Swagger 2.0 is not accepted; convert the document to OpenAPI 3)',
    );
  });
});

describe('listOpenApiOperations', () => {
  const document = {
    paths: {
      '/persons/{id}': {
        parameters: [],
        delete: { operationId: 'deletePerson' },
        get: { operationId: 'getPerson', summary: '按身份证号查询' },
        trace: {},
      },
      '/persons': { post: { summary: 'create', operationId: 7 } },
      '/broken': 'not an object',
      '/list': [{ get: {} }],
      '/array-operation': { get: [] },
    },
  };

  it('lists every operation path by path, in the order of the methods asked for, with id and summary', () => {
    expect(listOpenApiOperations(document)).toEqual([
      { method: 'get', path: '/persons/{id}', operationId: 'getPerson', summary: '按身份证号查询' },
      { method: 'delete', path: '/persons/{id}', operationId: 'deletePerson', summary: null },
      { method: 'trace', path: '/persons/{id}', operationId: null, summary: null },
      { method: 'post', path: '/persons', operationId: null, summary: 'create' },
    ]);
    expect(listOpenApiOperations(document, ['delete', 'post']).map((o) => `${o.method} ${o.path}`)).toEqual([
      'delete /persons/{id}',
      'post /persons',
    ]);
  });

  it('finds none without paths, or with paths that are not an object', () => {
    for (const paths of [undefined, null, [], 'x', 1]) expect(listOpenApiOperations({ paths })).toEqual([]);
  });

  it('knows the eight methods of a path item', () => {
    expect(OPENAPI_METHODS).toEqual(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
  });
});

describe('findOpenApiOperation', () => {
  const operations = listOpenApiOperations({
    paths: { '/a': { get: { operationId: 'a' }, post: { operationId: 'b' } }, '/b': { get: { operationId: 'a' } } },
  });

  it('finds by operationId first (the first of a repeated one), else by method in any case and path', () => {
    expect(findOpenApiOperation(operations, { operationId: 'a' })).toMatchObject({ method: 'get', path: '/a' });
    expect(findOpenApiOperation(operations, { operationId: 'b', method: 'GET', path: '/b' })).toMatchObject({
      method: 'post',
      path: '/a',
    });
    expect(findOpenApiOperation(operations, { method: 'GET', path: '/b' })).toMatchObject({ path: '/b' });
    expect(findOpenApiOperation(operations, { method: 'put', path: '/a' })).toBeUndefined();
    expect(findOpenApiOperation(operations, { operationId: 'c' })).toBeUndefined();
  });
});
