import type { DemandTimelineStep, ExchangeGrantEventV1, GrantTerms } from '@govdata/contracts';
import { PERSON_ITEMS, PersonsUpstream, startExchangeNode, type ExchangeNode } from './exchange-harness.js';

const API_KEY = 'upstream-key-revoke';

/**
 * 撤销授权 two ways — by the provider's data-admin through the API, and by the demand workflow's
 * revocation arriving as `demand.application.v1` — is one use case: the same refusal of the next
 * call, the same grant row and the same `exchange.grant.v1` event.
 */
describe('revoking a grant through the API or through the demand workflow', () => {
  let node: ExchangeNode;
  let upstream: PersonsUpstream;

  beforeAll(async () => {
    upstream = await new PersonsUpstream({ apiKey: API_KEY, bearer: 'unused' }).start();
    node = await startExchangeNode();
  });

  afterAll(async () => {
    await node?.close();
    await upstream?.stop();
  });

  it('refuses the next call, ends the row and announces it alike', async () => {
    const entryId = await node.publishEntry({
      code: '101001/100000000101',
      grade: { category: 'general', level: 3 },
      items: PERSON_ITEMS,
    });
    await node.registerPersonsResource({
      entryId,
      baseUrl: upstream.url,
      apiKey: API_KEY,
      operations: [{ operationId: 'listPersons', recordsAt: 'data.list' }],
    });
    const account = await node.serviceAccount(node.consumer, ['api-consumer']);
    const call = (grantId: string) =>
      node.api('GET', `/api/v1/exchange/calls/${grantId}/persons`, { token: account.token });
    const terms: GrantTerms = {
      consumerOrganisationId: node.consumer.id,
      consumerNode: node.config.node.code,
      providerNode: node.config.node.code,
      providerOrganisationId: node.provider.id,
      entryId,
      items: ['姓名'],
      purpose: '市场主体登记核验',
      validFrom: '2020-01-01',
      validUntil: '2099-12-31',
      ratePerSecond: 1_000,
      burst: 1_000,
    };
    const byApi = await node.grant(terms);
    const byWorkflow = await node.grant(terms);
    // Both plans are cached by a call before the revocation: the revocation must reach them.
    expect((await call(byApi)).status).toBe(200);
    expect((await call(byWorkflow)).status).toBe(200);

    const dataAdmin = await node.userToken(node.provider, ['data-admin']);
    const subject = `user:data-admin@${node.provider.id.slice(0, 8)}`;
    const reason = '撤销授权：超出申请用途使用数据（2026年3月检查发现）';

    const revoked = await node.api('POST', `/api/v1/exchange/grants/${byApi}/revoke`, {
      token: dataAdmin,
      body: { reason },
    });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);

    const revocation: DemandTimelineStep = {
      seq: 3,
      step: 'revocation',
      openedAt: new Date().toISOString(),
      dueOn: null,
      decision: 'revoked',
      decidedAt: new Date().toISOString(),
      actor: { subject, organisationId: node.provider.id, nodeCode: node.config.node.code },
      groundCode: 'R01',
      groundTitle: '超出申请用途使用数据',
      comment: '2026年3月检查发现',
    };
    await node.applicationEvent(byWorkflow, 2, 'revoked', terms, [revocation]);

    // The same answer to the next call (the grant's id aside).
    const answers = await Promise.all([call(byApi), call(byWorkflow)]);
    const [apiAnswer, workflowAnswer] = answers.map((answer, i) => ({
      status: answer.status,
      reason: answer.body.reason,
      detail: String(answer.body.detail).replaceAll([byApi, byWorkflow][i]!, '<grant>'),
    }));
    expect(apiAnswer).toEqual({
      status: 403,
      reason: 'grant-revoked',
      detail: `授权 <grant> 已被撤销 (grant <grant> was revoked: ${reason})`,
    });
    expect(workflowAnswer).toEqual(apiAnswer);

    // The same grant row.
    const row = async (id: string) =>
      (
        await node.sql(
          'SELECT status, revoked_reason, changed_by, version, application_version FROM exchange_grant WHERE id = $1',
          [id],
        )
      )[0];
    const apiRow = await row(byApi);
    expect(apiRow).toEqual({
      status: 'revoked',
      revoked_reason: reason,
      changed_by: subject,
      version: 2,
      application_version: 1,
    });
    expect(await row(byWorkflow)).toEqual(apiRow);

    // The same event, written with the change.
    const event = async (id: string) => {
      const rows = await node.sql<{ cloud_event: { data: ExchangeGrantEventV1 } }>(
        `SELECT cloud_event FROM outbox WHERE event_type = 'exchange.grant.v1' AND message_key = $1 ORDER BY seq`,
        [id],
      );
      const { at, grant, ...rest } = rows.at(-1)!.cloud_event.data;
      expect(Date.parse(at)).not.toBeNaN();
      return { ...rest, grant: { ...grant, id: '<grant>', applicationId: '<grant>' } };
    };
    const apiEvent = await event(byApi);
    expect(apiEvent).toMatchObject({
      action: 'revoked',
      actor: { subject, organisationId: node.provider.id },
      reason,
      grant: { status: 'revoked', revokedReason: reason, version: 2 },
    });
    expect(await event(byWorkflow)).toEqual(apiEvent);

    // Revoked once: the API refuses a second revocation, the workflow's repeat changes nothing.
    const again = await node.api('POST', `/api/v1/exchange/grants/${byWorkflow}/revoke`, {
      token: dataAdmin,
      body: { reason },
    });
    expect(again.status).toBe(409);
    expect(again.body.errors[0]).toMatchObject({ path: 'id', rule: 'grant-active' });
    await node.applicationEvent(byApi, 2, 'revoked', terms, [revocation]);
    expect(await row(byApi)).toEqual(apiRow);
  });
});
