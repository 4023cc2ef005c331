/**
 * Where the records are in an upstream JSON response. Data APIs answer with a record, an array of
 * records, or records inside an envelope (`{code, msg, data: {list: [...], total}}`); item policies
 * apply to the records, and the envelope is kept only as metadata.
 */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys that commonly hold the records of an envelope. */
const ENVELOPE_RECORD_KEYS = new Set(['data', 'items', 'records', 'list', 'rows', 'result', 'results', 'content']);
/** Envelope metadata an undeclared envelope may have beside its records (compared in lower case). */
const ENVELOPE_METADATA_KEYS = new Set([
  'code',
  'msg',
  'message',
  'success',
  'status',
  'errcode',
  'errmsg',
  'error',
  'total',
  'totalcount',
  'count',
  'page',
  'pageno',
  'pagenum',
  'pagesize',
  'size',
  'current',
  'pages',
  'hasmore',
  'hasnext',
  'requestid',
  'traceid',
  'timestamp',
]);
const MAX_ENVELOPE_DEPTH = 4;

/**
 * The path to the records: `recordsAt` as declared by the API resource (dotted, '' = the body), or
 * detected when undeclared. Detection fails closed: an object that has a known field, more than one
 * nested value, or no envelope key is itself the record, so everything in it is subject to the policy.
 */
export function locateRecords(
  body: unknown,
  recordsAt: string | undefined,
  isField: (key: string) => boolean,
): string[] {
  if (recordsAt !== undefined) return recordsAt === '' ? [] : recordsAt.split('.');
  const path: string[] = [];
  let node = body;
  while (isJsonObject(node) && path.length < MAX_ENVELOPE_DEPTH) {
    const current = node;
    const keys = Object.keys(current);
    if (keys.some(isField)) break;
    const nested = keys.filter((k) => isNested(current[k]));
    if (nested.length !== 1 || !ENVELOPE_RECORD_KEYS.has(nested[0]!)) break;
    if (!keys.every((k) => k === nested[0] || ENVELOPE_METADATA_KEYS.has(k.toLowerCase()))) break;
    path.push(nested[0]!);
    node = current[nested[0]!];
  }
  return path;
}

function isNested(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

export interface RewriteReport {
  /** Envelope parts dropped: nested values beside the path to the records (dotted paths). */
  envelopeRemoved: string[];
  /** Values at the records' place that were not records (scalars in a record list). */
  notRecords: number;
}

/**
 * Copies `body` with every record at `path` passed through `rewrite`. Along the path, scalar
 * envelope members (code, message, total…) are kept and nested ones dropped: they are neither
 * records nor metadata, and nothing unpermitted leaves the exchange by sitting beside the records.
 */
export function rewriteRecords(
  body: unknown,
  path: readonly string[],
  rewrite: (record: JsonObject) => JsonObject,
  report: RewriteReport,
): unknown {
  return rewriteAt(body, path, 0, rewrite, report);
}

function rewriteAt(
  node: unknown,
  path: readonly string[],
  depth: number,
  rewrite: (record: JsonObject) => JsonObject,
  report: RewriteReport,
): unknown {
  if (depth === path.length) return rewriteRecordsHere(node, rewrite, report);
  // A body that does not have the declared envelope is filtered as records, never passed through:
  // an object without the next member of the path is a record (or an error) the grant filters too.
  if (!isJsonObject(node) || !Object.hasOwn(node, path[depth]!)) {
    return isNested(node) ? rewriteRecordsHere(node, rewrite, report) : node;
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === path[depth]) out[key] = rewriteAt(value, path, depth + 1, rewrite, report);
    else if (!isNested(value)) out[key] = value;
    else report.envelopeRemoved.push([...path.slice(0, depth), key].join('.'));
  }
  return out;
}

function rewriteRecordsHere(node: unknown, rewrite: (record: JsonObject) => JsonObject, report: RewriteReport) {
  if (node === null || node === undefined) return node;
  if (isJsonObject(node)) return rewrite(node);
  if (Array.isArray(node)) {
    const records: JsonObject[] = [];
    for (const element of node) {
      if (isJsonObject(element)) records.push(rewrite(element));
      else report.notRecords++;
    }
    return records;
  }
  report.notRecords++;
  return null;
}
