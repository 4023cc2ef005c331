import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { VerificationCodeSender } from '@govdata/open-data-feature';
import type { ApiResponse } from '@govdata/platform-testing';
import { startOpenDataNode, type OpenDataNode } from './open-data-harness.js';

const CSRF = { 'x-requested-with': 'govdata-open-portal' };
const PASSWORD = 'Kaifang-Menhu-2026!';

/**
 * 应用成果展示、评分与评论 on a real node: a real-name person and a company submit showcases of what
 * they built on an open dataset; the node authority approves one and refuses the other with a
 * reason; the public sees only the approved one, its submitter named by surname + 某. People rate the
 * dataset (its view shows the average) and comment on it; the author deletes their own, a department
 * of another organisation may not hide one, the providing department hides one with a reason the
 * author reads — and posting too often is refused with Retry-After.
 */
describe('open data: showcases, ratings and comments of the public', () => {
  let node: OpenDataNode;
  /** The codes "sent", by recipient, as the service's sender was asked to send them. */
  const sent = new Map<string, string[]>();
  let datasetId: string;
  let authority: string;
  /** 张三, real name recorded as a person. */
  let person: string;
  /** 示例科技有限公司, real name recorded by its credit code. */
  let company: string;
  /** Registered, no real name. */
  let registered: string;

  const codeFor = (recipient: string) => sent.get(recipient)?.at(-1) ?? '';
  const cookieOf = (res: ApiResponse) => /govdata_open_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
  const withCookie = (cookie: string, extra: Record<string, string> = CSRF) => ({
    cookie: `govdata_open_session=${cookie}`,
    ...extra,
  });
  const as = (cookie: string, method: string, path: string, body?: unknown) =>
    node.api(method, path, { headers: withCookie(cookie), body });

  async function registerAndSignIn(identifier: string): Promise<string> {
    expect(
      (await node.api('POST', '/api/v1/open-data/accounts', { body: { identifier, password: PASSWORD } })).status,
    ).toBe(201);
    const verified = await node.api('POST', '/api/v1/open-data/accounts/verify', {
      body: { identifier, code: codeFor(identifier) },
    });
    expect(verified.status).toBe(200);
    const signedIn = await node.api('POST', '/api/v1/open-data/session', { body: { identifier, password: PASSWORD } });
    expect(signedIn.status).toBe(200);
    return cookieOf(signedIn);
  }

  /** One small open table of orgA (its column mapped to the sample entry's 性别). */
  async function openSmallTable(): Promise<string> {
    await node.source.sql('CREATE SCHEMA showcase_t');
    await node.source.sql('CREATE TABLE showcase_t.station (mc varchar(50) NOT NULL, dz varchar(100))');
    for (let i = 0; i < 3; i++)
      await node.source.sql('INSERT INTO showcase_t.station VALUES ($1, $2)', [`站点${i}`, `南昌${i}`]);
    await node.source.sql(`GRANT USAGE ON SCHEMA showcase_t TO "${node.source.role}"`);
    await node.source.sql(`GRANT SELECT ON showcase_t.station TO "${node.source.role}"`);
    const published = await node.publishWithTable(node.orgA, {
      schema: 'showcase_t',
      table: 'station',
      columnMapping: [{ column: 'mc', item: '性别' }],
    });
    const review = await node.api('GET', `/api/v1/open-data/reviews/${published.datasetId}`, { token: authority });
    const mountId = review.body.review.columns[0].mountId;
    const opened = await node.api('POST', `/api/v1/open-data/reviews/${published.datasetId}/decision`, {
      token: authority,
      body: {
        decision: 'open',
        domain: 'livelihood',
        licence: 'cc-by',
        confidentialityChecked: true,
        personalInformationChecked: true,
        columns: [{ mountId, column: 'mc', decision: 'open' }],
      },
    });
    expect(opened.status).toBe(200);
    return published.datasetId;
  }

  beforeAll(async () => {
    node = await startOpenDataNode();
    const sender = node.openData.app.get(VerificationCodeSender);
    const send = sender.send.bind(sender);
    vi.spyOn(sender, 'send').mockImplementation(async (channel, recipient, code) => {
      sent.set(recipient, [...(sent.get(recipient) ?? []), code]);
      await send(channel, recipient, code);
    });
    authority = await node.token(node.orgB, ['data-admin'], 'open-data-authority');
    datasetId = await openSmallTable();

    company = await registerAndSignIn('chengguo@example.cn');
    const verified = await as(company, 'POST', '/api/v1/open-data/me/real-name', {
      kind: 'company',
      name: '示例科技有限公司',
      creditCode: '91310110666007217T',
    });
    expect(verified.status).toBe(200);
    person = await registerAndSignIn('13700137000');
    // A person's 实名认证 needs the population verification call, which a test node lacks: recorded
    // behind the service's back as that call would have recorded it.
    await node.openSql(
      `UPDATE open_account SET real_name_kind = 'person', real_name = '张三', real_name_id_masked = '110105********002X',
         real_name_method = 'population-exchange', real_name_verified_at = now() WHERE identifier = $1`,
      ['13700137000'],
    );
    registered = await registerAndSignIn('13600136000');
  }, 240_000);

  afterAll(async () => {
    vi.restoreAllMocks();
    await node?.close();
  });

  describe('应用成果展示', () => {
    const showcase = (over: Record<string, unknown> = {}) => ({
      title: '公交站点查询小程序',
      description: '基于开放的公交站点数据，提供站点查询和到站提醒服务',
      kind: 'mini-program',
      url: 'https://example.cn/bus',
      datasetIds: [datasetId],
      ...over,
    });
    let approvedId: string;
    let refusedId: string;

    it('takes a showcase only from a signed-in real-name person, naming each bad field', async () => {
      const badUrl = await as(person, 'POST', '/api/v1/open-data/showcases', showcase({ url: 'ftp://example.cn/x' }));
      expect(badUrl.status).toBe(400);
      expect(badUrl.body.errors.map((e: { path: string }) => e.path)).toEqual(['url']);
      const notUrl = await as(person, 'POST', '/api/v1/open-data/showcases', showcase({ url: 'not a url' }));
      expect(notUrl.status).toBe(400);
      expect(notUrl.body.errors.map((e: { path: string }) => e.path)).toEqual(['url']);

      const unknown = await as(
        person,
        'POST',
        '/api/v1/open-data/showcases',
        showcase({ datasetIds: [datasetId, randomUUID()] }),
      );
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'datasetIds.1', rule: 'open-dataset' })]);
      const shortDescription = await as(person, 'POST', '/api/v1/open-data/showcases', showcase({ description: '短' }));
      expect(shortDescription.status).toBe(400);
      expect(shortDescription.body.errors.map((e: { path: string }) => e.path)).toEqual(['description']);

      const unsigned = await node.api('POST', '/api/v1/open-data/showcases', { headers: CSRF, body: showcase() });
      expect(unsigned.status).toBe(401);
      const notRealName = await as(registered, 'POST', '/api/v1/open-data/showcases', showcase());
      expect(notRealName.status).toBe(403);
      expect(notRealName.body).toMatchObject({ reason: 'real-name-required' });
      expect(
        (await node.api('POST', '/api/v1/open-data/showcases', { headers: withCookie(person, {}), body: showcase() }))
          .status,
      ).toBe(403);
      expect(await node.openSql('SELECT id FROM open_showcase')).toEqual([]);

      const created = await as(person, 'POST', '/api/v1/open-data/showcases', showcase());
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        status: 'submitted',
        kind: 'mini-program',
        submitter: { kind: 'person', name: '张某' },
        datasets: [{ id: datasetId, nodeCode: node.config.node.code }],
      });
      approvedId = created.body.id;
      const other = await as(
        company,
        'POST',
        '/api/v1/open-data/showcases',
        showcase({ title: '站点分布研究', kind: 'research', url: 'http://example.cn/research' }),
      );
      expect(other.status).toBe(201);
      refusedId = other.body.id;

      const rows = await node.openSql<{ status: string; submitter_name: string; dataset_ids: string[] }>(
        'SELECT status, submitter_name, dataset_ids FROM open_showcase WHERE id = $1',
        [approvedId],
      );
      expect(rows).toEqual([{ status: 'submitted', submitter_name: '张三', dataset_ids: [datasetId] }]);
      // Not shown before the review.
      expect((await node.api('GET', '/api/v1/open-data/showcases')).body.items).toEqual([]);
      expect((await node.api('GET', `/api/v1/open-data/showcases/${approvedId}`)).status).toBe(404);
    });

    it('lets the node authority approve one and refuse the other with a reason, and nobody else', async () => {
      const queue = await node.api('GET', '/api/v1/open-data/showcase-reviews?status=submitted', { token: authority });
      expect(queue.status).toBe(200);
      expect(queue.body.items.map((s: { id: string }) => s.id)).toEqual([approvedId, refusedId]);
      expect(queue.body.items[0].submitterVerified).toEqual({
        kind: 'person',
        name: '张三',
        idMasked: '110105********002X',
      });

      const department = await node.token(node.orgA, ['data-admin'], 'data-admin@orgA');
      expect(
        (
          await node.api('POST', `/api/v1/open-data/showcase-reviews/${approvedId}/decision`, {
            token: department,
            body: { decision: 'approve' },
          })
        ).status,
      ).toBe(403);
      const noReason = await node.api('POST', `/api/v1/open-data/showcase-reviews/${refusedId}/decision`, {
        token: authority,
        body: { decision: 'refuse' },
      });
      expect(noReason.status).toBe(400);

      const approved = await node.api('POST', `/api/v1/open-data/showcase-reviews/${approvedId}/decision`, {
        token: authority,
        body: { decision: 'approve' },
      });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ status: 'approved', decidedBy: 'open-data-authority' });
      const refused = await node.api('POST', `/api/v1/open-data/showcase-reviews/${refusedId}/decision`, {
        token: authority,
        body: { decision: 'refuse', reason: '链接无法访问，请补充可访问的网址' },
      });
      expect(refused.status).toBe(200);
      const again = await node.api('POST', `/api/v1/open-data/showcase-reviews/${refusedId}/decision`, {
        token: authority,
        body: { decision: 'approve' },
      });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ reason: 'showcase-state' });
      expect(await node.openSql('SELECT status, refusal_reason FROM open_showcase ORDER BY submitted_at', [])).toEqual([
        { status: 'approved', refusal_reason: null },
        { status: 'refused', refusal_reason: '链接无法访问，请补充可访问的网址' },
      ]);
    });

    it('shows the public only the approved one, its submitter as 张某, and the dataset counts it', async () => {
      const list = await node.api('GET', '/api/v1/open-data/showcases');
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ next: null, items: [{ id: approvedId, submitter: { name: '张某' } }] });
      expect(JSON.stringify(list.body)).not.toContain('13700137000');
      expect(JSON.stringify(list.body)).not.toContain('张三');
      expect(list.body.items[0]).not.toHaveProperty('status');

      const byDataset = await node.api('GET', `/api/v1/open-data/showcases?datasetId=${datasetId}&limit=1`);
      expect(byDataset.body.items.map((s: { id: string }) => s.id)).toEqual([approvedId]);
      expect((await node.api('GET', `/api/v1/open-data/showcases?datasetId=${randomUUID()}`)).body.items).toEqual([]);
      expect((await node.api('GET', '/api/v1/open-data/showcases?after=nonsense')).status).toBe(400);

      const one = await node.api('GET', `/api/v1/open-data/showcases/${approvedId}`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ title: '公交站点查询小程序', url: 'https://example.cn/bus' });
      expect((await node.api('GET', `/api/v1/open-data/showcases/${refusedId}`)).status).toBe(404);

      const dataset = await node.api('GET', `/api/v1/open-data/datasets/${datasetId}`);
      expect(dataset.body.showcases).toBe(1);
    });

    it('shows the submitter their own in every state, with the refusal’s reason', async () => {
      const mine = await node.api('GET', '/api/v1/open-data/me/showcases', { headers: withCookie(company, {}) });
      expect(mine.status).toBe(200);
      expect(mine.body.items).toEqual([
        expect.objectContaining({
          id: refusedId,
          status: 'refused',
          refusalReason: '链接无法访问，请补充可访问的网址',
          submitter: { kind: 'company', name: '示例科技有限公司' },
        }),
      ]);
      expect((await node.api('GET', '/api/v1/open-data/me/showcases')).status).toBe(401);
    });
  });

  describe('评分', () => {
    const rating = () => `/api/v1/open-data/datasets/${datasetId}/rating`;

    it('refuses a score outside 1–5 naming `score`, and a person not signed in', async () => {
      for (const score of [0, 6, 3.5, '5']) {
        const bad = await as(registered, 'PUT', rating(), { score });
        expect(bad.status).toBe(400);
        expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['score']);
      }
      expect((await node.api('PUT', rating(), { headers: CSRF, body: { score: 5 } })).status).toBe(401);
      expect(
        (await as(registered, 'PUT', `/api/v1/open-data/datasets/${randomUUID()}/rating`, { score: 5 })).status,
      ).toBe(404);
      expect((await node.api('GET', `/api/v1/open-data/datasets/${datasetId}`)).body.rating).toEqual({
        average: null,
        count: 0,
      });
    });

    it('averages one score per person, a new one replacing the old, and forgets a rating taken back', async () => {
      expect((await as(registered, 'PUT', rating(), { score: 5 })).status).toBe(200);
      expect((await as(person, 'PUT', rating(), { score: 4 })).status).toBe(200);
      const third = await as(company, 'PUT', rating(), { score: 4 });
      expect(third.status).toBe(200);
      expect(third.body).toMatchObject({ score: 4, rating: { average: 4.3, count: 3 } });
      expect((await node.api('GET', `/api/v1/open-data/datasets/${datasetId}`)).body.rating).toEqual({
        average: 4.3,
        count: 3,
      });

      const replaced = await as(registered, 'PUT', rating(), { score: 1 });
      expect(replaced.body.rating).toEqual({ average: 3, count: 3 });
      // Each person reads back their own score, no one else's.
      expect((await as(registered, 'GET', rating())).body).toMatchObject({ score: 1 });
      expect((await as(person, 'GET', rating())).body).toMatchObject({ score: 4 });
      expect((await node.api('GET', rating())).status).toBe(401);
      expect(
        await node.openSql<{ score: number }>(
          `SELECT r.score FROM open_dataset_rating r JOIN open_account a ON a.id = r.account_id
           WHERE a.identifier = '13600136000'`,
        ),
      ).toEqual([{ score: 1 }]);

      const removed = await as(registered, 'DELETE', rating());
      expect(removed.status).toBe(200);
      expect((await as(registered, 'GET', rating())).body).toEqual({ score: null, ratedAt: null });
      expect(removed.body.rating).toEqual({ average: 4, count: 2 });
      expect((await node.api('GET', `/api/v1/open-data/datasets/${datasetId}`)).body.rating).toEqual({
        average: 4,
        count: 2,
      });
      expect(await node.openSql('SELECT score FROM open_dataset_rating ORDER BY score')).toEqual([
        { score: 4 },
        { score: 4 },
      ]);
    });

    it('sends a rating of a replica to its origin node: 409 served-by-origin', async () => {
      const replicaId = randomUUID();
      // A replica of a dataset opened below this node, as federation would have received it.
      await node.openSql(
        `INSERT INTO open_dataset
         SELECT r.* FROM open_dataset d, jsonb_populate_record(NULL::open_dataset, to_jsonb(d) || jsonb_build_object(
           'id', $1::uuid, 'entry_id', gen_random_uuid(), 'node_code', '999999',
           'origin_path', jsonb_build_array('999999', d.node_code), 'received_at', now())) r
         WHERE d.id = $2`,
        [replicaId, datasetId],
      );
      const replica = await as(registered, 'PUT', `/api/v1/open-data/datasets/${replicaId}/rating`, { score: 5 });
      expect(replica.status).toBe(409);
      expect(replica.body.errors).toEqual([expect.objectContaining({ path: 'id', rule: 'served-by-origin' })]);
      const comment = await as(registered, 'POST', `/api/v1/open-data/datasets/${replicaId}/comments`, {
        text: '在来源节点评论',
      });
      expect(comment.status).toBe(409);
    });
  });

  describe('评论', () => {
    const comments = () => `/api/v1/open-data/datasets/${datasetId}/comments`;
    let hiddenId: string;

    it('takes a comment from a signed-in person, shows it to everybody with the author masked', async () => {
      expect((await node.api('POST', comments(), { headers: CSRF, body: { text: '很有用的数据' } })).status).toBe(401);
      const short = await as(registered, 'POST', comments(), { text: '好' });
      expect(short.status).toBe(400);
      expect(short.body.errors.map((e: { path: string }) => e.path)).toEqual(['text']);

      const first = await as(registered, 'POST', comments(), { text: '数据很有用，希望按月更新' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ author: '136****6000', text: '数据很有用，希望按月更新' });
      const second = await as(person, 'POST', comments(), { text: '站点名称里有错别字' });
      expect(second.status).toBe(201);
      expect(second.body.author).toBe('张某');
      hiddenId = first.body.id;
      const third = await as(company, 'POST', comments(), { text: '请补充站点坐标' });
      expect(third.status).toBe(201);

      const page = await node.api('GET', `${comments()}?limit=2`);
      expect(page.status).toBe(200);
      expect(page.body.items.map((c: { text: string }) => c.text)).toEqual(['请补充站点坐标', '站点名称里有错别字']);
      const rest = await node.api('GET', `${comments()}?limit=2&after=${page.body.next}`);
      expect(rest.body).toMatchObject({ next: null, items: [{ text: '数据很有用，希望按月更新' }] });
      expect(JSON.stringify([page.body, rest.body])).not.toMatch(/13600136000|13700137000|chengguo|张三/);

      // The author deletes their own; nobody else's.
      expect(
        (await node.api('DELETE', `/api/v1/open-data/me/comments/${third.body.id}`, { headers: withCookie(person) }))
          .status,
      ).toBe(404);
      expect((await as(company, 'DELETE', `/api/v1/open-data/me/comments/${third.body.id}`)).status).toBe(204);
      expect(await node.openSql('SELECT id FROM open_comment WHERE id = $1', [third.body.id])).toEqual([]);
      expect((await node.api('GET', comments())).body.items).toHaveLength(2);
    });

    it('lets a department hide a comment on its own dataset only, with a reason the author reads', async () => {
      const hiding = `/api/v1/open-data/comments/${hiddenId}/hiding`;
      const otherDepartment = await node.token(randomUUID(), ['provider-reviewer'], 'provider-reviewer@other');
      const refused = await node.api('POST', hiding, { token: otherDepartment, body: { reason: '不当言论' } });
      expect([403, 404]).toContain(refused.status);
      const provider = await node.token(node.orgA, ['provider-reviewer'], 'provider-reviewer@orgA');
      expect((await node.api('POST', hiding, { token: provider, body: {} })).status).toBe(400);
      const hidden = await node.api('POST', hiding, { token: provider, body: { reason: '包含与数据无关的推广内容' } });
      expect(hidden.status).toBe(200);
      expect(hidden.body.hidden).toMatchObject({ by: 'provider-reviewer@orgA', reason: '包含与数据无关的推广内容' });
      expect((await node.api('POST', hiding, { token: authority, body: { reason: '再次隐藏' } })).status).toBe(409);
      expect(
        await node.openSql('SELECT hidden_reason FROM open_comment WHERE id = $1 AND hidden_at IS NOT NULL', [
          hiddenId,
        ]),
      ).toEqual([{ hidden_reason: '包含与数据无关的推广内容' }]);

      const list = await node.api('GET', comments());
      expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(hiddenId);
      expect(list.body.items).toHaveLength(1);
      const mine = await node.api('GET', '/api/v1/open-data/me/comments', { headers: withCookie(registered, {}) });
      expect(mine.status).toBe(200);
      expect(mine.body.items).toEqual([
        expect.objectContaining({
          id: hiddenId,
          dataset: { id: datasetId, name: expect.any(String) },
          hidden: { at: expect.any(String), reason: '包含与数据无关的推广内容' },
        }),
      ]);
    });

    it('refuses the comment past the limit per account with 429 and Retry-After', async () => {
      const eager = await registerAndSignIn('13500135000');
      for (let i = 0; i < 20; i++) {
        expect((await as(eager, 'POST', comments(), { text: `第 ${i} 条评论` })).status).toBe(201);
      }
      const tooMany = await as(eager, 'POST', comments(), { text: '第 21 条评论' });
      expect(tooMany.status).toBe(429);
      expect(tooMany.body).toMatchObject({ reason: 'comment-rate' });
      expect(Number(tooMany.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(
        await node.openSql<{ n: string }>(
          `SELECT count(*) AS n FROM open_comment c JOIN open_account a ON a.id = c.account_id
           WHERE a.identifier = '13500135000'`,
        ),
      ).toEqual([{ n: '20' }]);
      // Others still comment.
      expect((await as(person, 'POST', comments(), { text: '另一位用户的评论' })).status).toBe(201);
    }, 60_000);
  });
});
