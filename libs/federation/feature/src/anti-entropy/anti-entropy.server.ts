import { Inject, Injectable } from '@nestjs/common';
import type { federationV1 } from '@govdata/contracts';
import type { HashName } from '@govdata/platform-crypto';
import { answerRequest, buildDigestTree, MerkleError, type DigestTree } from '@govdata/federation-merkle';
import type { NodeConfig } from '@govdata/platform-config';
import { EventPublisher } from '@govdata/platform-messaging';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { isInSubtree } from '../links/envelope-rules.js';
import { ApplyReplicaUseCase } from '../replication/apply-replica.usecase.js';
import { AntiEntropyRepository, emptyDivergence, type Divergence } from './anti-entropy.repository.js';
import { ReplicationRepository } from '../replication/replication.repository.js';

/** A comparison's snapshot of this node's replicas lives this long after its last use. */
const SNAPSHOT_TTL_MS = 120_000;
const MAX_SESSIONS = 64;
/** At most this many records per repair message (the child splits larger repairs). */
export const MAX_REPAIR_RECORDS = 500;

interface Snapshot {
  child: string;
  /** The digests' hash the child asked in: its profile's (SHA-256 or SM3), whatever this node's is. */
  hash: HashName;
  sets: Map<string, Promise<DigestTree>>;
  usedAt: number;
  /** Repairs of the session so far (its last message records the totals). */
  applied: number;
  removed: number;
}

/** A request the child may not make, or could not have meant: refused with this reason. */
export class AntiEntropyRefusal extends Error {}

/**
 * Parent side of anti-entropy (反熵校验): answers a child's bucket comparisons from a snapshot of this
 * node's replicas of the child's subtree, applies its repairs and records, per set, the roots compared,
 * whether they agreed (verified) and what differed.
 */
@Injectable()
export class AntiEntropyServer {
  private readonly snapshots = new Map<string, Snapshot>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: AntiEntropyRepository,
    private readonly replication: ReplicationRepository,
    private readonly apply: ApplyReplicaUseCase,
    private readonly publisher: EventPublisher,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async compare(
    child: string,
    request: federationV1.CompareDigestsRequest,
  ): Promise<federationV1.CompareDigestsResponse> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(request.requestJson);
    } catch {
      throw new AntiEntropyRefusal('request_json is not JSON');
    }
    const snapshot = this.snapshot(child, request.sessionId);
    const asked = (parsed as { hash?: unknown } | null)?.hash ?? 'SHA-256';
    if (asked !== 'SHA-256' && asked !== 'SM3') throw new AntiEntropyRefusal('hash must be SHA-256 or SM3');
    if (snapshot.sets.size === 0) snapshot.hash = asked;
    else if (snapshot.hash !== asked) throw new AntiEntropyRefusal('a comparison keeps one hash throughout');
    const items = (parsed as { items?: { set?: unknown }[] } | null)?.items;
    for (const item of Array.isArray(items) ? items : []) {
      const set = item?.set;
      if (typeof set === 'string' && !isInSubtree(child, set)) {
        throw new AntiEntropyRefusal(`set ${set} is not in the subtree of node ${child}`);
      }
      if (typeof set === 'string' && !snapshot.sets.has(set)) snapshot.sets.set(set, this.load(set, snapshot.hash));
    }
    let answer;
    try {
      const trees = new Map<string, DigestTree>();
      for (const [set, tree] of snapshot.sets) trees.set(set, await tree);
      answer = await answerRequest(parsed, (set) => trees.get(set));
    } catch (error) {
      if (error instanceof MerkleError) throw new AntiEntropyRefusal(error.message);
      throw error;
    }
    const held = (await this.replication.heldOrigins(this.dataSource.manager)).filter((o) => isInSubtree(child, o));
    return { answerJson: JSON.stringify(answer), heldSets: held };
  }

  /**
   * Applies a repair in one transaction: records sent again (checked like any envelope, replacing an
   * altered copy), replicas the child's subtree does not have dropped. With `roots` (the session's last
   * message) this node's roots are recomputed and recorded against the child's.
   */
  async repair(child: string, request: federationV1.RepairRequest, log: Logger): Promise<federationV1.RepairResponse> {
    if (request.records.length + request.removals.length > MAX_REPAIR_RECORDS) {
      throw new AntiEntropyRefusal(`at most ${MAX_REPAIR_RECORDS} records and removals per repair`);
    }
    for (const removal of request.removals) {
      if (!isInSubtree(child, removal.origin)) {
        throw new AntiEntropyRefusal(`origin ${removal.origin} is not in the subtree of node ${child}`);
      }
    }
    for (const root of request.roots) {
      if (!isInSubtree(child, root.origin)) {
        throw new AntiEntropyRefusal(`set ${root.origin} is not in the subtree of node ${child}`);
      }
    }
    const divergence = parseDivergence(request.divergenceJson);
    const session = this.snapshot(child, request.sessionId);
    const result = await this.dataSource.transaction(async (m) => {
      let applied = 0;
      let removed = 0;
      for (const record of request.records) {
        const outcome = await this.apply.repair(m, child, record);
        if (outcome.outcome === 'applied') applied++;
        if (outcome.outcome === 'refused') {
          log.warn({ origin: record.origin, key: record.recordKey, reason: outcome.reason }, 'repair record refused');
        }
      }
      for (const removal of request.removals) {
        if (await this.replication.removeReplica(m, removal.origin, removal.recordKey)) removed++;
      }
      return { applied, removed };
    });
    session.applied += result.applied;
    session.removed += result.removed;
    const roots: federationV1.SetRoot[] = [];
    if (request.roots.length > 0) {
      this.snapshots.delete(sessionKey(child, request.sessionId));
      const now = new Date();
      let verified = true;
      await this.dataSource.transaction(async (m) => {
        for (const theirs of request.roots) {
          const held = await this.replication.heldRecords(m, theirs.origin);
          const mine = buildDigestTree(held, { hash: session.hash }).root;
          roots.push({ origin: theirs.origin, digest: mine.digest, count: mine.count });
          const inSync = mine.digest === theirs.digest && mine.count === theirs.count;
          verified &&= inSync;
          await this.repository.saveVerification(m, {
            childCode: child,
            origin: theirs.origin,
            parentDigest: mine.digest,
            parentCount: mine.count,
            childDigest: theirs.digest,
            childCount: theirs.count,
            inSync,
            comparedAt: now,
            verifiedAt: inSync ? now : null,
            divergence: divergence.get(theirs.origin) ?? emptyDivergence(),
          });
        }
        const total = emptyDivergence();
        for (const d of divergence.values())
          for (const k of Object.keys(total) as (keyof Divergence)[]) total[k] += d[k];
        await this.repository.saveRun(m, {
          childCode: child,
          sessionId: request.sessionId,
          finishedAt: now,
          sets: request.roots.length,
          divergence: total,
          applied: session.applied,
          removed: session.removed,
          verified,
        });
        // Replicas altered or kept here without their origin's record are worth an operator's look.
        if (total.corrupted + total.orphaned + total.ahead > 0 || !verified) {
          await this.publisher.publish(m, {
            type: 'federation.alert.v1',
            subject: child,
            data: {
              alert: 'divergence',
              node: this.config.node.code,
              child,
              at: now.toISOString(),
              message:
                `反熵校验发现与下级节点 ${child} 的副本不一致：缺失 ${total.missing}、落后 ${total.behind}、` +
                `被改动 ${total.corrupted}、多余 ${total.orphaned}、无法修复 ${total.ahead}；` +
                (verified ? '已修复，根哈希一致。' : '修复后根哈希仍不一致，将在下次校验时复查。'),
            },
          });
        }
      });
    }
    return { applied: result.applied, removed: result.removed, roots };
  }

  private snapshot(child: string, sessionId: string): Snapshot {
    if (!/^[0-9a-f-]{8,64}$/.test(sessionId)) throw new AntiEntropyRefusal('session_id is missing or malformed');
    const now = Date.now();
    for (const [key, s] of this.snapshots) if (now - s.usedAt > SNAPSHOT_TTL_MS) this.snapshots.delete(key);
    const key = sessionKey(child, sessionId);
    let snapshot = this.snapshots.get(key);
    if (!snapshot) {
      if (this.snapshots.size >= MAX_SESSIONS) throw new AntiEntropyRefusal('too many comparisons at once');
      snapshot = { child, hash: 'SHA-256', sets: new Map(), usedAt: now, applied: 0, removed: 0 };
      this.snapshots.set(key, snapshot);
    }
    snapshot.usedAt = now;
    return snapshot;
  }

  private async load(origin: string, hash: HashName): Promise<DigestTree> {
    return buildDigestTree(await this.replication.heldRecords(this.dataSource.manager, origin), { hash });
  }
}

function sessionKey(child: string, sessionId: string): string {
  return `${child}/${sessionId}`;
}

function parseDivergence(json: string): Map<string, Divergence> {
  const result = new Map<string, Divergence>();
  if (!json) return result;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new AntiEntropyRefusal('divergence_json is not JSON');
  }
  if (!value || typeof value !== 'object') throw new AntiEntropyRefusal('divergence_json is not an object');
  for (const [origin, counts] of Object.entries(value as Record<string, unknown>)) {
    const d = emptyDivergence();
    for (const k of Object.keys(d) as (keyof Divergence)[]) {
      const n = (counts as Record<string, unknown> | null)?.[k];
      if (n !== undefined && (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)) {
        throw new AntiEntropyRefusal(`divergence_json.${origin}.${k} is not a count`);
      }
      d[k] = (n as number | undefined) ?? 0;
    }
    result.set(origin, d);
  }
  return result;
}
