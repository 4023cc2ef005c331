import { initNodeKey } from '@govdata/federation-feature';
import { waitFor } from '@govdata/platform-testing';
import {
  enrolChild,
  linkAddress,
  publishEntry,
  startReplicationNode,
  type ReplicationNode,
} from './federation-harness.js';

interface Root {
  origin: string;
  digest: string;
  count: number;
}

/**
 * A mixed tree: a province on the 国密 profile (`crypto.profile: sm`) under a national node on the
 * international one. The child compares its Merkle digests in SM3; the parent answers in the hash the
 * child names, so their anti-entropy still verifies — while the parent's own view (SHA-256) differs.
 */
describe('anti-entropy between an sm child and an international parent', () => {
  let national: ReplicationNode;
  let province: ReplicationNode;
  const fast = { federation: { antiEntropySeconds: 2, silenceAlertSeconds: 15 } };

  beforeAll(async () => {
    national = await startReplicationNode(fast);
    await initNodeKey(national.config);
    province = await startReplicationNode({
      ...fast,
      crypto: { profile: 'sm' },
      node: {
        code: '360000',
        name: '江西省政务数据共享平台',
        level: 'provincial',
        parent: { code: '100000', gateway: national.catalog.gateway.httpUrl, federation: linkAddress(national) },
      },
    });
    await enrolChild(national, province);
  }, 240_000);

  afterAll(async () => {
    await province?.close();
    await national?.close();
  });

  const operator = (node: ReplicationNode) =>
    node.catalog.token(node.catalog.root, ['operator'], `user:ops@${node.config.node.code}`);

  async function roots(node: ReplicationNode, side: 'sent' | 'held', origin: string): Promise<Root | undefined> {
    const own = await node.catalog.api('GET', '/api/v1/federation/anti-entropy', { token: await operator(node) });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    return (own.body.roots[side] as Root[]).find((r) => r.origin === origin);
  }

  it('verifies the child’s SM3 root at the parent, which keeps its own view in SHA-256', async () => {
    const editor = await province.catalog.token(province.catalog.orgA, ['catalog-editor'], 'editor@360000');
    const reviewer = await province.catalog.token(province.catalog.orgB, ['catalog-reviewer'], 'reviewer@360000');
    const since = new Date();
    const id = await publishEntry(province.catalog, { editor, reviewer }, '江西省企业登记信息', '102001');
    await waitFor(
      async () =>
        (await national.sql('SELECT 1 FROM replica_record WHERE record_key = $1', [id])).length === 1 || undefined,
      30_000,
      'the replica at national',
    );
    const sent = (await roots(province, 'sent', '360000'))!;
    expect(sent.count).toBe(1);
    const token = await operator(national);
    const verified = await waitFor(
      async () => {
        const view = await national.catalog.api('GET', '/api/v1/federation/children/360000/anti-entropy', { token });
        const set = view.body.sets?.find((s: { origin: string }) => s.origin === '360000');
        return set?.inSync && set.parentRoot.count === 1 && new Date(set.verifiedAt) > since ? set : undefined;
      },
      60_000,
      'national verifying the province set',
    );
    expect(verified.parentRoot).toEqual({ digest: sent.digest, count: 1 });
    expect(verified.divergence).toEqual({ missing: 0, behind: 0, corrupted: 0, orphaned: 0, ahead: 0 });
    const heldAtNational = (await roots(national, 'held', '360000'))!;
    expect(heldAtNational.count).toBe(1);
    expect(heldAtNational.digest).not.toBe(sent.digest);
  });
});
