import { hash } from 'node:crypto';
import { MerkleError, MerkleProblem } from './merkle.exception.js';

/**
 * The one serialisation both ends hash: object keys sorted by UTF-16 code units, no whitespace,
 * numbers and strings as `JSON.stringify` writes them — RFC 8785 (JCS) for the values records hold.
 * `toJSON` is honoured (dates become ISO strings) and `undefined` properties are left out, as JSON
 * does; anything JSON would silently turn into something else (NaN, `undefined` in an array, a Map,
 * a bigint, a cycle) is refused, so two nodes never agree on a digest of different data.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', new Set());
}

/** SHA-256 hex of the UTF-8 bytes of `canonicalJson(value)` — a record's content digest. */
export function contentDigest(value: unknown): string {
  return hash('sha256', canonicalJson(value), 'hex');
}

function write(value: unknown, at: string, open: Set<object>): string {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(key: string): unknown }).toJSON('');
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw refuse(at, `${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw refuse(at, `a ${typeof value} has no JSON form`);
  }
  if (value === null) return 'null';
  if (open.has(value)) throw refuse(at, 'the value refers to itself');
  open.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value.map((item, i) => write(item, `${at}[${i}]`, open)).join(',')}]`;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      throw refuse(at, `a ${value.constructor?.name ?? 'non-plain object'} is not a JSON object`);
    }
    const members: string[] = [];
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member === undefined) continue;
      members.push(`${JSON.stringify(key)}:${write(member, `${at}.${key}`, open)}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    open.delete(value);
  }
}

function refuse(at: string, why: string): MerkleError {
  return new MerkleError(MerkleProblem.NotCanonical, `cannot serialise ${at} canonically: ${why}`);
}
