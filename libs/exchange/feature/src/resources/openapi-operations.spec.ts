import { OperationMatcher, resolveOperations } from './openapi-operations.js';
import { ResourceRule } from './resource.exception.js';

const document = {
  openapi: '3.0.3',
  info: { title: '人口基本信息查询', version: '1.0' },
  paths: {
    '/persons': { post: { operationId: 'searchPersons' }, get: { operationId: 'listPersons', summary: '列表' } },
    '/persons/{sfzh}': { get: { operationId: 'getPerson' }, head: { operationId: 'headPerson' } },
    'persons-without-slash': { get: { operationId: 'noSlash' } },
  },
};

describe('resolveOperations', () => {
  it('finds each wanted operation by operationId or by method and path, keeping its own recordsAt', () => {
    const { operations, problems } = resolveOperations(document, [
      { operationId: 'getPerson' },
      { method: 'GET', path: '/persons', recordsAt: 'data.list' },
    ]);
    expect(problems).toEqual([]);
    expect(operations).toEqual([
      { method: 'GET', path: '/persons/{sfzh}', operationId: 'getPerson', summary: null },
      { method: 'GET', path: '/persons', operationId: 'listPersons', summary: '列表', recordsAt: 'data.list' },
    ]);
  });

  it('refuses operations a call cannot use, operations listed twice and missing ones, naming what there is', () => {
    const { operations, problems } = resolveOperations(document, [
      { operationId: 'headPerson' },
      { operationId: 'noSlash' },
      { operationId: 'listPersons' },
      { method: 'GET', path: '/persons' },
    ]);
    expect(operations).toHaveLength(1);
    expect(problems).toEqual([
      {
        path: 'operations.0',
        rule: ResourceRule.OperationExists,
        message:
          '文档中没有可调用的 operationId headPerson (the document has no operationId headPerson it could call; it has: GET /persons, POST /persons, GET /persons/{sfzh})',
      },
      expect.objectContaining({ path: 'operations.1', rule: ResourceRule.OperationExists }),
      { path: 'operations.3', rule: ResourceRule.Unique, message: '该操作重复列出 (the operation is listed twice)' },
    ]);
  });

  it('refuses Swagger 2 and a document without operations, at once', () => {
    expect(resolveOperations({ swagger: '2.0', paths: {} }, [{ operationId: 'x' }]).problems).toEqual([
      {
        path: 'openapi.openapi',
        rule: ResourceRule.OpenApi3,
        message:
          '不接受 Swagger 2.0 文档，请将其转换为 OpenAPI 3 (Swagger 2.0 is not accepted; convert the document to OpenAPI 3)',
      },
      {
        path: 'openapi.paths',
        rule: ResourceRule.HasOperations,
        message: '文档未描述任何操作 (the document describes no operation)',
      },
    ]);
  });
});

describe('OperationMatcher', () => {
  it('prefers a literal segment over a parameter, and matches the method', () => {
    const matcher = new OperationMatcher([
      { method: 'GET', path: '/persons/{id}', operationId: null, summary: null },
      { method: 'GET', path: '/persons/search', operationId: null, summary: null },
    ]);
    expect(matcher.match('GET', '/persons/search')?.path).toBe('/persons/search');
    expect(matcher.match('GET', '/persons/1')?.path).toBe('/persons/{id}');
    expect(matcher.match('POST', '/persons/1')).toBeUndefined();
    expect(matcher.match('GET', '/persons/1/x')).toBeUndefined();
    expect(matcher.describe()).toBe('GET /persons/search, GET /persons/{id}');
  });
});
