import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { TEST_PG_ADMIN_URL } from '@govdata/platform-testing';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { sampleRecords } from '../audit-ledger.fixture.js';
import { recordLeafHash, recordLeafHashIn } from '../audit-record.js';
import { CheckpointVerifier } from '../checkpoint/checkpoint-verifier.js';
import { NoteSigner } from '../checkpoint/signed-note.js';
import { LedgerError, LedgerProblem } from '../ledger.exception.js';
import { EMPTY_ROOT, merkleTreeHash, SHA256_TREE } from '@govdata/rfc6962';
import { treeHasher } from '../rfc6962/inputs.js';
import { MerkleTree } from '../rfc6962/merkle-tree.js';
import { verifyConsistency, verifyInclusion } from '../rfc6962/verify.js';
import { AUDIT_LEDGER_MIGRATIONS } from './1766000000000-create-audit-ledger.js';
import { AuditLedgerRepository, type AppendedEntry } from './audit-ledger.repository.js';

const ORIGIN = 'gov.example/360000/exchange-audit';
const SCHEMA = 'exchange';

/** A fresh database with the exchange schema and the ledger migration, for one describe block. */
function ledgerDatabase() {
  const database = `govdata_ledger_t_${randomBytes(4).toString('hex')}`;
  const url = Object.assign(new URL(TEST_PG_ADMIN_URL), { pathname: `/${database}` }).toString();
  let dataSource: DataSource | undefined;
  return {
    url,
    get dataSource(): DataSource {
      return dataSource!;
    },
    async create(): Promise<void> {
      const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${database}`);
      await admin.end();
      const setup = new pg.Client({ connectionString: url });
      await setup.connect();
      await setup.query(`CREATE SCHEMA ${SCHEMA}`);
      await setup.end();
      dataSource = new DataSource({
        type: 'postgres',
        url,
        schema: SCHEMA,
        migrations: AUDIT_LEDGER_MIGRATIONS,
        migrationsTableName: 'schema_migrations',
        extra: { max: 6, options: `-c search_path=${SCHEMA}` },
      });
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
    },
    async drop(): Promise<void> {
      await dataSource?.destroy();
      const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    },
  };
}

// The ledger on a real PostgreSQL: a fresh database for this file, the exchange schema, the migration.
describe('AuditLedgerRepository (PostgreSQL)', () => {
  const db = ledgerDatabase();
  let dataSource: DataSource;
  const ledger = new AuditLedgerRepository(ORIGIN);
  const signer = new NoteSigner(ORIGIN, generateKeyPairSync('ed25519').privateKey);
  /** Everything appended so far, in log order: the reference the stored log must agree with. */
  const logged: unknown[] = [];
  const reference = () => new MerkleTree(logged.map(recordLeafHash));

  /** SQL as an administrator behind the service's back (triggers off, like someone editing rows by hand). */
  async function asAdministrator(sql: string, params: unknown[] = []): Promise<void> {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query(`SET search_path TO ${SCHEMA}`);
      await client.query('SET session_replication_role = replica');
      await client.query(sql, params);
    } finally {
      await client.end();
    }
  }

  async function appendLogged(records: unknown[]) {
    const appended = await ledger.append(dataSource.manager, records);
    logged.push(...records);
    return appended;
  }

  beforeAll(async () => {
    await db.create();
    dataSource = db.dataSource;
  });

  afterAll(() => db.drop());

  it('starts empty: size 0, the empty root, and a checkpoint of it can be signed', async () => {
    expect(await ledger.head(dataSource.manager)).toEqual({
      treeSize: 0,
      rootHash: EMPTY_ROOT,
      hashAlgorithm: 'SHA-256',
    });
    const checkpoint = await ledger.signCheckpoint(dataSource.manager, signer);
    expect(checkpoint.note.split('\n').slice(0, 3)).toEqual([ORIGIN, '0', EMPTY_ROOT.toString('base64')]);
    expect((await ledger.verifyLog(dataSource.manager, { verifier: signer.verifier() })).firstIssue).toBeNull();
  });

  it('appends batches in order: rows, leaf hashes, subtrees and root as RFC 6962 has them', async () => {
    const first = await appendLogged(sampleRecords(1));
    const second = await appendLogged(sampleRecords(6, 1));
    const third = await appendLogged(sampleRecords(20, 7));
    expect([...first, ...second, ...third].map((e) => e.leafIndex)).toEqual([...Array(27).keys()]);
    const tree = reference();
    expect(await ledger.head(dataSource.manager)).toEqual({
      treeSize: 27,
      rootHash: tree.root(),
      hashAlgorithm: 'SHA-256',
    });

    const rows = await dataSource.query('SELECT leaf_index, leaf_hash, record FROM audit_leaf ORDER BY leaf_index');
    expect(rows.map((r: { record: unknown }) => r.record)).toEqual(logged);
    expect(rows.map((r: { leaf_hash: Buffer }) => r.leaf_hash)).toEqual(logged.map(recordLeafHash));
    // One row per complete subtree above the leaves: 27 leaves close 13 + 6 + 3 + 1 = 23 of them.
    const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM audit_subtree');
    expect(n).toBe(23);
    expect((await ledger.entry(dataSource.manager, 9)).record).toEqual(logged[9]);
  });

  it('gives inclusion and consistency proofs and roots at every past size, equal to the reference tree', async () => {
    const tree = reference();
    for (let n = 1; n <= 27; n += 1) {
      expect(await ledger.rootAt(dataSource.manager, n)).toEqual(tree.root(n));
      for (const m of new Set([0, Math.floor(n / 2), n - 1])) {
        const proof = await ledger.inclusionProof(dataSource.manager, m, n);
        expect(proof).toEqual({
          leafIndex: m,
          treeSize: n,
          leafHash: tree.leafHash(m),
          proof: tree.inclusionProof(m, n),
          hashAlgorithm: 'SHA-256',
        });
        verifyInclusion(m, n, recordLeafHash(logged[m]), proof.proof, tree.root(n));
      }
      for (const m of new Set([1, Math.ceil(n / 3), n])) {
        const proof = await ledger.consistencyProof(dataSource.manager, m, n);
        expect(proof).toEqual(tree.consistencyProof(m, n));
        verifyConsistency(m, n, tree.root(m), tree.root(n), proof);
      }
    }
    expect(await ledger.findLeaf(dataSource.manager, recordLeafHash(logged[11]))).toBe(11);
    expect(await ledger.findLeaf(dataSource.manager, recordLeafHash({ other: true }))).toBeNull();
  });

  it('refuses sizes beyond the log and malformed requests with typed errors', async () => {
    const problem = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (error: unknown) => (error instanceof LedgerError ? [error.problem, error.httpStatus] : error),
      );
    expect(await problem(ledger.inclusionProof(dataSource.manager, 3, 28))).toEqual([LedgerProblem.Unknown, 404]);
    expect(await problem(ledger.inclusionProof(dataSource.manager, 27, 27))).toEqual([LedgerProblem.InvalidInput, 400]);
    expect(await problem(ledger.consistencyProof(dataSource.manager, 5, 4))).toEqual([LedgerProblem.InvalidInput, 400]);
    expect(await problem(ledger.rootAt(dataSource.manager, -1))).toEqual([LedgerProblem.InvalidInput, 400]);
    expect(await problem(ledger.entry(dataSource.manager, 27))).toEqual([LedgerProblem.Unknown, 404]);
    expect(await problem(ledger.append(dataSource.manager, []))).toEqual([LedgerProblem.InvalidInput, 400]);
    // One bad record refuses the whole batch: nothing of it is logged.
    const [good] = sampleRecords(1, 100);
    expect(await problem(ledger.append(dataSource.manager, [good, { ...good, bytes: -5 }]))).toEqual([
      LedgerProblem.InvalidRecord,
      400,
    ]);
    expect((await ledger.head(dataSource.manager)).treeSize).toBe(27);
  });

  it('appends inside the caller transaction: rolled back with it, and serialised when concurrent', async () => {
    await expect(
      dataSource.transaction(async (tx) => {
        await ledger.append(tx, sampleRecords(3, 200));
        throw new Error('the exchange call failed to commit');
      }),
    ).rejects.toThrow('the exchange call failed to commit');
    expect((await ledger.head(dataSource.manager)).treeSize).toBe(27);

    // Five writers at once, each a batch of four in its own transaction.
    const batches = [0, 1, 2, 3, 4].map((w) => sampleRecords(4, 300 + w * 4));
    const appended = await Promise.all(
      batches.map((batch) => dataSource.transaction((tx) => ledger.append(tx, batch))),
    );
    const indices = appended
      .flat()
      .map((e) => e.leafIndex)
      .sort((a, b) => a - b);
    expect(indices).toEqual([...Array(20).keys()].map((i) => 27 + i));
    for (const batch of appended) {
      // A batch is contiguous: no other writer interleaved with it.
      expect(batch.map((e) => e.leafIndex)).toEqual(batch.map((_, i) => batch[0]!.leafIndex + i));
    }
    const stored = await ledger.entries(dataSource.manager, 27, 20);
    logged.push(...stored.map((e) => e.record));
    expect(await ledger.head(dataSource.manager)).toEqual({
      treeSize: 47,
      rootHash: reference().root(),
      hashAlgorithm: 'SHA-256',
    });
    expect((await ledger.verifyLog(dataSource.manager, { pageSize: 7 })).firstIssue).toBeNull();
  });

  it('refuses UPDATE and DELETE of logged rows', async () => {
    await expect(dataSource.query(`UPDATE audit_leaf SET record = '{}' WHERE leaf_index = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(dataSource.query('DELETE FROM audit_subtree')).rejects.toThrow(/append-only/);
    await expect(dataSource.query('TRUNCATE audit_checkpoint')).rejects.toThrow(/append-only/);
    expect((await ledger.verifyLog(dataSource.manager)).firstIssue).toBeNull();
  });

  it('signs checkpoints per size; a consumer follows them by consistency proofs and checks its records', async () => {
    const verifier = signer.verifier();
    const at47 = await ledger.signCheckpoint(dataSource.manager, signer);
    expect(await ledger.signCheckpoint(dataSource.manager, signer)).toEqual(at47); // signed once per size
    expect(at47).toMatchObject({ treeSize: 47, rootHash: reference().root() });

    const consumer = new CheckpointVerifier(ORIGIN, verifier);
    consumer.advance((await ledger.checkpoint(dataSource.manager, 0))!.note, []);
    consumer.advance(at47.note, []);
    const proof = await ledger.inclusionProof(dataSource.manager, 30, 47);
    consumer.verifyRecord(logged[30], 30, proof.proof);

    await appendLogged(sampleRecords(6, 400));
    const at53 = await ledger.signCheckpoint(dataSource.manager, signer);
    expect((await ledger.checkpoint(dataSource.manager))!.treeSize).toBe(53);
    const checkpoint = consumer.advance(at53.note, await ledger.consistencyProof(dataSource.manager, 47, 53));
    expect(checkpoint.rootHash).toEqual(reference().root());
    consumer.verifyRecord(logged[50], 50, (await ledger.inclusionProof(dataSource.manager, 50)).proof);
    const report = await ledger.verifyLog(dataSource.manager, { verifier });
    expect(report).toMatchObject({ treeSize: 53, checkedCheckpoints: 3, firstIssue: null });
  });

  it('detects a record edited by SQL: verifyLog names its index and its inclusion proof fails', async () => {
    const consumer = new CheckpointVerifier(
      ORIGIN,
      signer.verifier(),
      (await ledger.checkpoint(dataSource.manager))!.note,
    );
    await asAdministrator(`UPDATE audit_leaf SET record = jsonb_set(record, '{items}', '0') WHERE leaf_index = 19`);

    const report = await ledger.verifyLog(dataSource.manager, { verifier: signer.verifier() });
    expect(report.firstIssue).toMatchObject({ problem: 'record_mismatch', leafIndex: 19 });

    // The party shown the edited record cannot get it proven against the signed checkpoint.
    const edited = await ledger.entry(dataSource.manager, 19);
    expect(edited.record).toMatchObject({ items: 0 });
    const proof = await ledger.inclusionProof(dataSource.manager, 19, 53);
    expect(() => consumer.verifyRecord(edited.record, 19, proof.proof)).toThrow(
      expect.objectContaining({ problem: LedgerProblem.ProofMismatch }),
    );
    consumer.verifyRecord(logged[19], 19, proof.proof); // the original still verifies

    // Rewriting the leaf hash too moves the mismatch to the subtree above it.
    await asAdministrator('UPDATE audit_leaf SET leaf_hash = $1 WHERE leaf_index = 19', [
      recordLeafHash(edited.record),
    ]);
    expect((await ledger.verifyLog(dataSource.manager)).firstIssue).toMatchObject({
      problem: 'subtree_mismatch',
      leafIndex: 18,
    });
    await asAdministrator('UPDATE audit_leaf SET leaf_hash = $1, record = $2 WHERE leaf_index = 19', [
      recordLeafHash(logged[19]),
      JSON.stringify(logged[19]),
    ]);
    expect((await ledger.verifyLog(dataSource.manager)).firstIssue).toBeNull();

    // Rewriting entry 50 with its leaf, the subtrees above it and the head all recomputed leaves
    // the rows consistent with each other: only the signed checkpoint of size 53 still disagrees.
    const rewritten = { ...(logged[50] as object), outcome: 'denied' };
    const leaves = logged.map((record, i) => recordLeafHash(i === 50 ? rewritten : record));
    await asAdministrator('UPDATE audit_leaf SET record = $1, leaf_hash = $2 WHERE leaf_index = 50', [
      JSON.stringify(rewritten),
      leaves[50],
    ]);
    await asAdministrator('UPDATE audit_subtree SET hash = $1 WHERE level = 1 AND node_index = 25', [
      merkleTreeHash(leaves.slice(50, 52)),
    ]);
    await asAdministrator('UPDATE audit_subtree SET hash = $1 WHERE level = 2 AND node_index = 12', [
      merkleTreeHash(leaves.slice(48, 52)),
    ]);
    await asAdministrator('UPDATE audit_log_head SET root_hash = $1', [merkleTreeHash(leaves)]);
    expect((await ledger.verifyLog(dataSource.manager)).firstIssue).toMatchObject({
      problem: 'checkpoint_mismatch',
      treeSize: 53,
      leafIndex: 47,
    });

    // A deleted row is a gap.
    await asAdministrator('DELETE FROM audit_leaf WHERE leaf_index = 40');
    expect((await ledger.verifyLog(dataSource.manager)).firstIssue).toMatchObject({
      problem: 'missing_leaf',
      leafIndex: 40,
    });
  });
});

// Several writers on one log (replicas of the exchange), and the caller's rows written with an append.
describe('AuditLedgerRepository with several writers', () => {
  const db = ledgerDatabase();
  const logged: unknown[] = [];

  beforeAll(async () => {
    await db.create();
    await db.dataSource.query('CREATE TABLE call_note (leaf_index bigint PRIMARY KEY, note text NOT NULL)');
  });

  afterAll(() => db.drop());

  /** The caller's rows: one note per appended entry, gated like the ledger's own rows. */
  const notes = (tag: string) => (entries: readonly AppendedEntry[], firstParam: number, applied: string) => ({
    ctes: [
      `notes AS (
         INSERT INTO call_note (leaf_index, note)
         SELECT i, $${firstParam + 1}::text || i FROM unnest($${firstParam}::bigint[]) AS t(i) WHERE ${applied}
       )`,
    ],
    params: [entries.map((e) => e.leafIndex), tag],
  });

  it('appends after another writer moved the head, writing the caller rows only with the entries that count', async () => {
    const first = new AuditLedgerRepository(ORIGIN);
    const second = new AuditLedgerRepository(ORIGIN);
    const manager = db.dataSource.manager;
    // Each writer in turn finds the head where the other left it: its remembered tip is stale.
    for (let round = 0; round < 4; round++) {
      for (const [writer, tag] of [
        [first, 'a'],
        [second, 'b'],
      ] as const) {
        const records = sampleRecords(3, logged.length);
        const appended = await writer.append(manager, records, notes(tag));
        expect(appended.map((e) => e.leafIndex)).toEqual([0, 1, 2].map((i) => logged.length + i));
        logged.push(...records);
      }
    }
    // Concurrent appends of both writers (several each) serialise on the head.
    const batches = Array.from({ length: 6 }, (_, w) => sampleRecords(2, 100 + 2 * w));
    const appended = await Promise.all(
      batches.map((batch, w) => (w % 2 === 0 ? first : second).append(manager, batch, notes('c'))),
    );
    const indices = appended.flat().map((e) => e.leafIndex);
    expect([...indices].sort((a, b) => a - b)).toEqual([...Array(12).keys()].map((i) => 24 + i));

    const tree = new MerkleTree((await first.entries(manager, 0, 100)).map((e) => recordLeafHash(e.record)));
    expect(await first.head(manager)).toEqual({ treeSize: 36, rootHash: tree.root(), hashAlgorithm: 'SHA-256' });
    expect((await first.verifyLog(manager)).firstIssue).toBeNull();
    // One note per entry, never one for an attempt that found the head moved.
    const rows: Array<{ leaf_index: string; note: string }> = await db.dataSource.query(
      'SELECT leaf_index, note FROM call_note ORDER BY leaf_index',
    );
    expect(rows.map((r) => Number(r.leaf_index))).toEqual([...Array(36).keys()]);
    expect(rows.slice(0, 6).map((r) => r.note)).toEqual(['a0', 'a1', 'a2', 'b3', 'b4', 'b5']);
  });

  it('writes nothing of an append whose caller rows fail, and appends on from the head after it', async () => {
    const writer = new AuditLedgerRepository(ORIGIN);
    const manager = db.dataSource.manager;
    const before = await writer.head(manager);
    // A duplicate note key fails the whole statement: no leaf, no subtree, the head unmoved.
    const clash = () => ({
      ctes: [`notes AS (INSERT INTO call_note (leaf_index, note) VALUES (0, 'again'))`],
      params: [],
    });
    await expect(writer.append(manager, sampleRecords(2, 200), clash)).rejects.toThrow();
    expect(await writer.head(manager)).toEqual(before);
    const [{ n }] = await db.dataSource.query('SELECT count(*)::int AS n FROM audit_leaf');
    expect(n).toBe(before.treeSize);

    const appended = await writer.append(manager, sampleRecords(2, 200), notes('d'));
    expect(appended.map((e) => e.leafIndex)).toEqual([before.treeSize, before.treeSize + 1]);
    expect((await writer.verifyLog(manager)).firstIssue).toBeNull();
  });
});

// The same log under the 国密 profile: SM3 for leaves, nodes and roots, stated by the ledger.
describe('AuditLedgerRepository with SM3 (PostgreSQL)', () => {
  const db = ledgerDatabase();
  const sm3 = treeHasher('SM3');
  const ledger = new AuditLedgerRepository(ORIGIN, 'SM3');
  const signer = new NoteSigner(ORIGIN, generateKeyPairSync('ed25519').privateKey);
  const records = sampleRecords(13);

  beforeAll(() => db.create());
  afterAll(() => db.drop());

  it('states SM3 from the start, appends, and gives SM3 roots that differ from SHA-256 ones', async () => {
    const manager = db.dataSource.manager;
    expect(await ledger.head(manager)).toEqual({ treeSize: 0, rootHash: sm3.emptyRoot, hashAlgorithm: 'SM3' });
    await ledger.append(manager, records.slice(0, 5));
    await ledger.append(manager, records.slice(5));
    const tree = new MerkleTree(
      records.map((r) => recordLeafHashIn(sm3, r)),
      sm3,
    );
    const head = await ledger.head(manager);
    expect(head).toEqual({ treeSize: 13, rootHash: tree.root(), hashAlgorithm: 'SM3' });
    expect(head.rootHash).not.toEqual(new MerkleTree(records.map(recordLeafHash)).root());
    const [row] = await db.dataSource.query('SELECT hash_algorithm, root_hash FROM audit_log_head');
    expect(row).toEqual({ hash_algorithm: 'SM3', root_hash: tree.root() });
    expect((await ledger.verifyLog(manager)).firstIssue).toBeNull();
  });

  it('gives inclusion and consistency proofs that verify with SM3 and not with SHA-256', async () => {
    const manager = db.dataSource.manager;
    const root13 = await ledger.rootAt(manager, 13);
    const root6 = await ledger.rootAt(manager, 6);
    const inclusion = await ledger.inclusionProof(manager, 4, 13);
    expect(inclusion.hashAlgorithm).toBe('SM3');
    expect(inclusion.leafHash).toEqual(recordLeafHashIn(sm3, records[4]));
    verifyInclusion(4, 13, inclusion.leafHash, inclusion.proof, root13, sm3);
    expect(() => verifyInclusion(4, 13, inclusion.leafHash, inclusion.proof, root13, SHA256_TREE)).toThrow(
      expect.objectContaining({ problem: LedgerProblem.ProofMismatch }),
    );
    const consistency = await ledger.consistencyProof(manager, 6, 13);
    verifyConsistency(6, 13, root6, root13, consistency, sm3);
    expect(() => verifyConsistency(6, 13, root6, root13, consistency)).toThrow(LedgerError);
  });

  it('signs checkpoints that state SM3, which a verifier follows with SM3 proofs', async () => {
    const manager = db.dataSource.manager;
    const first = await ledger.signCheckpoint(manager, signer);
    expect(first.hashAlgorithm).toBe('SM3');
    expect(first.note.split('\n').slice(0, 4)).toEqual([ORIGIN, '13', first.rootHash.toString('base64'), 'hash SM3']);
    const verifier = new CheckpointVerifier(ORIGIN, signer.verifier());
    expect(verifier.advance(first.note, []).hashAlgorithm).toBe('SM3');
    const proof = await ledger.inclusionProof(manager, 7, 13);
    verifier.verifyRecord(records[7], 7, proof.proof);
    expect(() => verifier.verifyRecord(records[8], 7, proof.proof)).toThrow(LedgerError);

    const more = sampleRecords(4, 13);
    await ledger.append(manager, more);
    const second = await ledger.signCheckpoint(manager, signer);
    verifier.advance(second.note, await ledger.consistencyProof(manager, 13, 17));
    expect(verifier.checkpoint.treeSize).toBe(17);
    expect((await ledger.verifyLog(manager, { verifier: signer.verifier() })).firstIssue).toBeNull();
  });

  it('keeps its hash: another profile reads it as SM3, and the database refuses to change it', async () => {
    const manager = db.dataSource.manager;
    const international = new AuditLedgerRepository(ORIGIN, 'SHA-256');
    expect((await international.head(manager)).hashAlgorithm).toBe('SM3');
    const appended = await international.append(manager, sampleRecords(1, 17));
    expect(appended[0]!.leafHash).toEqual(recordLeafHashIn(sm3, sampleRecords(1, 17)[0]));
    expect((await international.verifyLog(manager)).firstIssue).toBeNull();
    await expect(db.dataSource.query(`UPDATE audit_log_head SET hash_algorithm = 'SHA-256'`)).rejects.toThrow(
      /its hash cannot change/,
    );
  });
});
