import { hash } from 'node:crypto';
import type { DigestSource, RecordDigest } from './merkle.types.js';
import { answerRequest, type AskRemote, type MerkleRequest } from './reconcile.js';

/**
 * Catalog entry `i` of a city node as anti-entropy sees it (tests only). The digest stands in for
 * `contentDigest(record)`, which costs more than the tree itself at 100,000 records.
 */
export function entry(i: number, version = 1, origin = '360100'): RecordDigest {
  const key = `${origin}-${String(i).padStart(6, '0')}`;
  return { key, version, digest: hash('sha256', `${key}@${version}`, 'hex') };
}

/** A digest no honest copy of `entry(i, version)` has: a replica row edited behind the service's back. */
export function tampered(record: RecordDigest): RecordDigest {
  return { ...record, digest: hash('sha256', `tampered ${record.key}`, 'hex') };
}

export function entries(count: number, origin = '360100'): RecordDigest[] {
  return Array.from({ length: count }, (_, i) => entry(i, 1, origin));
}

export interface Trip {
  request: MerkleRequest;
  requestBytes: number;
  answerBytes: number;
}

/**
 * Two in-memory sides wired as the federation service would carry them: each request and answer
 * crosses as JSON (plain objects only), and every round trip is recorded with its size.
 */
export function wire(remote: Record<string, DigestSource>): { ask: AskRemote; trips: Trip[]; bytes: () => number } {
  const trips: Trip[] = [];
  const ask: AskRemote = async (request) => {
    const requestJson = JSON.stringify(request);
    const answer = await answerRequest(JSON.parse(requestJson), (set) => remote[set]);
    const answerJson = JSON.stringify(answer);
    trips.push({
      request,
      requestBytes: Buffer.byteLength(requestJson),
      answerBytes: Buffer.byteLength(answerJson),
    });
    return JSON.parse(answerJson);
  };
  return { ask, trips, bytes: () => trips.reduce((sum, t) => sum + t.requestBytes + t.answerBytes, 0) };
}
