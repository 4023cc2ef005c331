import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Metadata } from '@grpc/grpc-js';
import type { federationV1 } from '@govdata/contracts';
import {
  buildDigestTree,
  DEFAULT_DEPTH,
  DEFAULT_LEAF_LIMIT,
  MERKLE_PROTOCOL,
  reconcile,
  RepairReason,
  type BucketSummary,
  type RepairItem,
} from '@govdata/federation-merkle';
import type { NodeConfig } from '@govdata/platform-config';
import { cryptoProfile } from '@govdata/platform-crypto';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { callLink, type FederationLinkClient } from '../links/link-protocol.js';
import { emptyDivergence, type Divergence } from './anti-entropy.repository.js';
import { MAX_REPAIR_RECORDS } from './anti-entropy.server.js';
import { ReplicationRepository } from '../replication/replication.repository.js';

const CALL_TIMEOUT_MS = 60_000;

export interface SetOutcome {
  origin: string;
  /** The roots when compared (before any repair). */
  childRoot: BucketSummary;
  parentRoot: BucketSummary;
  inSyncBefore: boolean;
  /** The parent's root after the repair. */
  parentRootAfter: BucketSummary | null;
  divergence: Divergence;
}

/** One comparison with the parent, as the child ran it. */
export interface AntiEntropyReport {
  sessionId: string;
  startedAt: string;
  finishedAt: string;
  roundTrips: number;
  sets: SetOutcome[];
  sent: number;
  applied: number;
  removed: number;
  /** Every set's parent root equals the child's after repair. */
  verified: boolean;
}

/**
 * Child side of anti-entropy: compares what this node sent up (the last logged version of each record,
 * per origin) with the parent's replicas, bucket by bucket, sends again what the parent lacks or holds
 * altered, has it drop what only it holds, and ends with both roots so the parent can record the result.
 */
@Injectable()
export class AntiEntropyClient {
  constructor(
    private readonly dataSource: DataSource,
    private readonly replication: ReplicationRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async run(client: FederationLinkClient): Promise<AntiEntropyReport> {
    const startedAt = new Date().toISOString();
    const sessionId = randomUUID();
    const m = this.dataSource.manager;
    const ask = async (request: unknown): Promise<federationV1.CompareDigestsResponse> =>
      callLink(
        client,
        'CompareDigests',
        { requestJson: JSON.stringify(request), sessionId },
        new Metadata(),
        CALL_TIMEOUT_MS,
      );

    // Which sets: everything this node sent up, and whatever the parent holds of this subtree.
    // The child names the hash (its profile's); the parent answers in it, so mixed trees reconcile.
    const hash = cryptoProfile(this.config.crypto?.profile).hash.name;
    const first = await ask({
      protocol: MERKLE_PROTOCOL,
      depth: DEFAULT_DEPTH,
      hash,
      leafLimit: DEFAULT_LEAF_LIMIT,
      items: [],
    });
    const origins = [...new Set([...(await this.replication.sentOrigins(m)), ...first.heldSets])].sort();
    const local = [];
    for (const origin of origins) {
      local.push({
        set: origin,
        source: buildDigestTree(await this.replication.sentRecords(m, origin), { hash }),
        originSide: 'local' as const,
      });
    }
    const result = await reconcile(local, async (request) => JSON.parse((await ask(request)).answerJson) as unknown);

    const records: federationV1.ReplicateRequest[] = [];
    const removals: federationV1.RecordRef[] = [];
    const divergence = new Map<string, Divergence>();
    for (const set of result.sets) {
      const d = emptyDivergence();
      for (const item of set.plan.send) d[reasonOf(item)]++;
      d.ahead += set.plan.fetch.length;
      const rows = await this.replication.latestLogRows(
        m,
        set.set,
        set.plan.send.map((i) => i.key),
      );
      for (const row of rows) {
        records.push({
          seq: row.seq,
          id: row.eventId,
          kind: row.kind,
          origin: row.origin,
          recordKey: row.recordKey,
          version: row.version,
          path: row.path,
          timeMs: row.eventTime.getTime(),
          recordJson: JSON.stringify(row.payload),
          destination: '',
        });
      }
      // A record only the parent holds may have been logged (and sent) since this side was read.
      const orphanKeys = set.plan.orphans.map((i) => i.key);
      const loggedSince = await this.replication.loggedKeys(m, set.set, orphanKeys);
      for (const key of orphanKeys) {
        if (loggedSince.has(key)) continue;
        d.orphaned++;
        removals.push({ origin: set.set, recordKey: key });
      }
      divergence.set(set.set, d);
    }

    let applied = 0;
    let removed = 0;
    const repair = (request: federationV1.RepairRequest) =>
      callLink<federationV1.RepairRequest, federationV1.RepairResponse>(
        client,
        'Repair',
        request,
        new Metadata(),
        CALL_TIMEOUT_MS,
      );
    const work = [...records.map((r) => ({ record: r })), ...removals.map((r) => ({ removal: r }))];
    for (let i = 0; i < work.length; i += MAX_REPAIR_RECORDS) {
      const chunk = work.slice(i, i + MAX_REPAIR_RECORDS);
      const response = await repair({
        sessionId,
        records: chunk.flatMap((w) => ('record' in w ? [w.record] : [])),
        removals: chunk.flatMap((w) => ('removal' in w ? [w.removal] : [])),
        roots: [],
        divergenceJson: '',
      });
      applied += response.applied;
      removed += response.removed;
    }
    const final = await repair({
      sessionId,
      records: [],
      removals: [],
      roots: result.sets.map((s) => ({ origin: s.set, digest: s.localRoot.digest, count: s.localRoot.count })),
      divergenceJson: JSON.stringify(Object.fromEntries(divergence)),
    });
    const after = new Map(final.roots.map((r) => [r.origin, { digest: r.digest, count: r.count }]));
    const sets: SetOutcome[] = result.sets.map((s) => ({
      origin: s.set,
      childRoot: s.localRoot,
      parentRoot: s.remoteRoot,
      inSyncBefore: s.inSync,
      parentRootAfter: after.get(s.set) ?? null,
      divergence: divergence.get(s.set)!,
    }));
    return {
      sessionId,
      startedAt,
      finishedAt: new Date().toISOString(),
      roundTrips: result.roundTrips + 1,
      sets,
      sent: records.length,
      applied,
      removed,
      verified: sets.every((s) => s.parentRootAfter?.digest === s.childRoot.digest),
    };
  }
}

function reasonOf(item: RepairItem): 'missing' | 'behind' | 'corrupted' {
  if (item.reason === RepairReason.Missing) return 'missing';
  if (item.reason === RepairReason.Corrupted) return 'corrupted';
  return 'behind';
}
