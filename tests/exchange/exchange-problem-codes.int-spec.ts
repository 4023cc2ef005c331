import { randomUUID } from 'node:crypto';
import { AuditRule, ResourceRule } from '@govdata/exchange-feature';
import { problemCodesOf } from '@govdata/platform-service';
import { PERSON_MAPPING, PERSONS_OPENAPI, startExchangeNode, type ExchangeNode } from './exchange-harness.js';

/** The rule enums whose codes the exchange answers in a 422's `errors[].rule`. */
const EXCHANGE_RULE_ENUMS = { ResourceRule, AuditRule };

/**
 * The exchange's OpenAPI document lists, per operation, the rule codes it can answer in a 422, so a
 * client can switch on them; every code of the exchange's rule enums is listed by some operation.
 */
describe('exchange problem codes in OpenAPI', () => {
  let node: ExchangeNode;

  beforeAll(async () => {
    node = await startExchangeNode();
  });

  afterAll(async () => {
    await node?.close();
  });

  it('lists each operation’s rule codes, and every code of the exchange’s rule enums somewhere', async () => {
    const doc = await node.api('GET', '/api/v1/exchange/openapi.json');
    expect(doc.status).toBe(200);
    const problems = problemCodesOf(doc.body);

    expect(problems.get('POST /api/v1/exchange/resources')).toEqual(
      [
        ResourceRule.EntryExists,
        ResourceRule.EntryNotRetired,
        ResourceRule.EntryItem,
        ResourceRule.OutboundNotAllowed,
        ResourceRule.OpenApi3,
        ResourceRule.HasOperations,
        ResourceRule.OperationExists,
        ResourceRule.Unique,
      ].sort(),
    );
    expect(problems.get('GET /api/v1/exchange/audit/inclusion')).toEqual([AuditRule.CoversCall]);
    // The 422 response documents the codes as the enum of errors[].rule.
    const unprocessable = doc.body.paths['/api/v1/exchange/resources'].post.responses['422'];
    expect(
      unprocessable.content['application/problem+json'].schema.properties.errors.items.properties.rule.enum,
    ).toEqual(problems.get('POST /api/v1/exchange/resources'));

    const listed = new Set([...problems.values()].flat());
    for (const [name, codes] of Object.entries(EXCHANGE_RULE_ENUMS)) {
      for (const [member, code] of Object.entries(codes)) {
        expect(listed.has(code), `${name}.${member} (${code}) is listed by no operation`).toBe(true);
      }
    }
  });

  it('answers a listed code when a registration breaks a rule', async () => {
    const refused = await node.api('POST', '/api/v1/exchange/resources', {
      token: await node.userToken(node.provider, ['data-admin']),
      body: {
        entryId: randomUUID(),
        baseUrl: 'http://127.0.0.1:9',
        openapi: PERSONS_OPENAPI,
        operations: [{ operationId: 'listPersons', recordsAt: 'data.list' }],
        responseItems: PERSON_MAPPING,
        credentials: { kind: 'none' },
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'entryId', rule: ResourceRule.EntryExists })]);
  });
});
