import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '@govdata/web-ui';
import { OpenApiFileError, listOperations, readOpenApiFile, responseFields } from './openapi-upload.js';
import { emptyResourceForm, mappingsFor, resourceBody, resourceFields } from './resource-form.js';

const PERSONS = {
  openapi: '3.0.3',
  info: { title: '人口基本信息查询', version: '1.0' },
  servers: [{ url: 'https://upstream.example.cn/api' }, { url: '/relative' }],
  paths: {
    '/persons': {
      get: {
        operationId: 'listPersons',
        summary: '查询人口',
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    code: { type: 'integer' },
                    data: {
                      type: 'object',
                      properties: {
                        total: { type: 'integer' },
                        list: { type: 'array', items: { $ref: '#/components/schemas/Person' } },
                      },
                    },
                  },
                },
              },
            },
          },
          '404': { content: { 'application/json': { schema: { properties: { msg: { type: 'string' } } } } } },
        },
      },
      parameters: [],
    },
    '/persons/search': { post: { responses: { '200': { description: 'ok' } } } },
    '/persons/{sfzh}': { get: { operationId: 'getPerson' }, head: { operationId: 'headPerson' } },
  },
  components: {
    schemas: {
      Person: {
        type: 'object',
        properties: {
          xm: { type: 'string' },
          sfzh: { type: 'string' },
          lxfs: { properties: { sjh: { type: 'string' } } },
        },
      },
    },
  },
};

const file = (name: string, text: string) => ({ name, text: async () => text });

describe('reading an uploaded OpenAPI document in the browser', () => {
  it('reads JSON: title, version, http(s) servers and the operations a call may use, in order', async () => {
    const doc = await readOpenApiFile(file('persons.json', JSON.stringify(PERSONS)));
    expect(doc).toMatchObject({
      title: '人口基本信息查询',
      version: '1.0',
      servers: ['https://upstream.example.cn/api'],
    });
    expect(doc.operations.map((o) => [o.key, o.operationId, o.summary])).toEqual([
      ['GET /persons', 'listPersons', '查询人口'],
      ['POST /persons/search', null, null],
      ['GET /persons/{sfzh}', 'getPerson', null],
    ]);
  });

  it('reads YAML with the yaml package, by its name or when the text is not JSON', async () => {
    const yaml =
      'openapi: 3.1.0\ninfo:\n  title: 企业登记\n  version: "2"\npaths:\n  /companies:\n    get:\n      operationId: listCompanies\n';
    for (const name of ['companies.yaml', 'companies.txt']) {
      const doc = await readOpenApiFile(file(name, yaml));
      expect(doc.title).toBe('企业登记');
      expect(doc.operations.map((o) => o.key)).toEqual(['GET /companies']);
    }
  });

  it('refuses a file that is neither JSON nor YAML, or not an object', async () => {
    await expect(readOpenApiFile(file('broken.json', '{"openapi": '))).rejects.toMatchObject({ problem: 'unreadable' });
    await expect(readOpenApiFile(file('list.json', '[1, 2]'))).rejects.toBeInstanceOf(OpenApiFileError);
    await expect(readOpenApiFile(file('list.json', '[1, 2]'))).rejects.toMatchObject({ problem: 'not-object' });
  });

  it("offers the fields of the chosen operations' 2xx JSON answers, records' fields by their own names", () => {
    const operations = listOperations(PERSONS);
    expect(responseFields(PERSONS, operations.slice(0, 1))).toEqual(['code', 'data.total', 'xm', 'sfzh', 'lxfs.sjh']);
    expect(responseFields(PERSONS, operations.slice(1))).toEqual([]);
  });
});

describe('the registration form', () => {
  it('sends what was chosen: operations by operationId or method and path, every item in order, credentials of the kind', () => {
    const operations = listOperations(PERSONS);
    const form = emptyResourceForm('0b7c6a4e-5d1f-4c3b-9a2e-000000000001');
    form.baseUrl = 'https://upstream.example.cn/api';
    form.operations = ['POST /persons/search', 'GET /persons'];
    form.mappings = mappingsFor(['姓名', '公民身份号码', '手机号码']);
    form.mappings[0]!.field = 'xm';
    form.mappings[1]!.maskAs = 'id-card';
    form.credentials = { ...form.credentials, kind: 'api-key', name: 'X-Api-Key', value: 'k1' };
    expect(resourceBody(form, PERSONS, operations)).toEqual({
      entryId: '0b7c6a4e-5d1f-4c3b-9a2e-000000000001',
      baseUrl: 'https://upstream.example.cn/api',
      openapi: PERSONS,
      operations: [{ operationId: 'listPersons' }, { method: 'POST', path: '/persons/search' }],
      responseItems: [{ item: '姓名', field: 'xm' }, { item: '公民身份号码', maskAs: 'id-card' }, { item: '手机号码' }],
      credentials: { kind: 'api-key', in: 'header', name: 'X-Api-Key', value: 'k1' },
    });
  });

  it('keeps what was typed for an item when the entry is read again', () => {
    const kept = mappingsFor(['姓名', '住址'], [{ item: '姓名', field: 'xm', maskAs: '' }]);
    expect(kept).toEqual([
      { item: '姓名', field: 'xm', maskAs: '' },
      { item: '住址', field: '', maskAs: '' },
    ]);
  });

  it("puts the API's field errors beside the fields: an operation's on the operations, a row's on its row", () => {
    const form = emptyResourceForm();
    form.mappings = mappingsFor(['姓名', '住址']);
    const byField = fieldErrorsOf(
      [
        { path: 'baseUrl', rule: 'invalid', message: 'an http(s) URL' },
        { path: 'operations.1', rule: 'operation-exists', message: 'the document has no GET /x' },
        { path: 'openapi.openapi', rule: 'openapi-3', message: 'not OpenAPI 3' },
        { path: 'responseItems.1.item', rule: 'entry-item', message: '住址 is not an item' },
        { path: 'upstream.timeoutMs', rule: 'invalid', message: 'too large' },
      ],
      resourceFields(form),
    );
    expect(byField).toEqual({
      baseUrl: ['an http(s) URL'],
      operations: ['the document has no GET /x'],
      openapi: ['not OpenAPI 3'],
      'responseItems.1.item': ['住址 is not an item'],
      '': ['too large'],
    });
  });
});
