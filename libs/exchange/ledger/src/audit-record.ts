import canonicalize from 'canonicalize';
import { GovdataError } from '@govdata/platform-errors';
import { z } from 'zod';
import { LedgerError, LedgerProblem } from './ledger.exception.js';
import { SHA256_TREE, type TreeHasher } from '@govdata/rfc6962';
import { isWellFormedText } from './well-formed.js';

/**
 * Text a record may hold: PostgreSQL jsonb cannot store U+0000 and JSON cannot carry a lone
 * surrogate, so either would make the stored record differ from the hashed one.
 */
const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !s.includes('\u0000') && isWellFormedText(s), {
      message: '不得包含 U+0000 或孤立代理字符 (must not hold U+0000 or a lone surrogate)',
      params: { rule: 'json-text' },
    });

const nodeCode = z
  .string()
  .regex(
    /^[0-9A-Z]{6,18}$/,
    '节点代码（6 位行政区划代码或 18 位统一社会信用代码） (a node code (6-digit division code or 18-character USCC))',
  );

/**
 * 调用审计记录 — one data-exchange call, as the ledger stores and hashes it: who called under which
 * grant for which resource, how many items and bytes came back, the outcome, the latency, and the
 * SHA-256 of the request (so a party can show which request a record is about without the log
 * holding the request itself).
 */
export const auditRecordSchema = z.strictObject({
  callId: z.uuid(),
  /** When the call was answered (RFC 3339 with offset). */
  at: z.iso.datetime({ offset: true }),
  consumer: z.strictObject({
    node: nodeCode,
    organisationId: z.uuid(),
    /** The account that called: a user id or `service:<id>`. */
    subject: text(200),
  }),
  provider: z.strictObject({ node: nodeCode, organisationId: z.uuid() }),
  grantId: z.uuid(),
  /** The catalog resource (信息资源代码 or entry id) the call read. */
  resource: text(512),
  items: z.int().min(0),
  outcome: z.enum(['ok', 'denied', 'failed']),
  latencyMs: z.int().min(0),
  bytes: z.int().min(0),
  requestHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'SHA-256，64 位小写十六进制数字 (SHA-256 as 64 lower-case hex digits)'),
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;

/** Checks a record before it is appended; a refusal names every field and rule (a 400). */
export function parseAuditRecord(input: unknown, prefix = ''): AuditRecord {
  const result = auditRecordSchema.safeParse(input);
  if (!result.success) {
    const { fields } = GovdataError.fromZod(result.error, prefix);
    throw new LedgerError(
      LedgerProblem.InvalidRecord,
      `not an audit record: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`,
      fields,
    );
  }
  return result.data;
}

/**
 * The bytes a record is logged as: UTF-8 of its RFC 8785 (JCS) canonical JSON, so the same record
 * read back from jsonb (keys reordered, whitespace dropped) hashes the same.
 */
export function recordLeafData(record: unknown): Buffer {
  let json: string | undefined;
  try {
    json = canonicalize(record);
  } catch (error) {
    throw new LedgerError(
      LedgerProblem.InvalidRecord,
      `the record has no canonical JSON form: ${(error as Error).message}`,
    );
  }
  if (json === undefined) throw new LedgerError(LedgerProblem.InvalidRecord, 'the record has no JSON form');
  return Buffer.from(json, 'utf8');
}

/** The RFC 6962 leaf hash of a record: SHA-256(0x00 ‖ canonical JSON). */
export function recordLeafHash(record: unknown): Buffer {
  return SHA256_TREE.hashLeaf(recordLeafData(record));
}

/** The leaf hash of a record in a log of the given hash (SM3 under the 国密 profile). */
export function recordLeafHashIn(hasher: TreeHasher, record: unknown): Buffer {
  return hasher.hashLeaf(recordLeafData(record));
}
