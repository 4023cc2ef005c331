import { status } from '@grpc/grpc-js';
import {
  EventSchemaError,
  validateEventData,
  type CatalogEntryEventV1,
  type federationRoutingV1,
} from '@govdata/contracts';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { EntryLookupRule } from './ledger.exception.js';

/**
 * 跨节点目录查询 — what the demand service asks of another node's catalog through the federation
 * (answered by that catalog's RoutedDeliveryService): the published entry with a code. Request JSON
 * `{ "code": "…" }`; answer the `catalog.entry.v1` record of the entry's last publication.
 */
export const ENTRY_LOOKUP_METHOD = 'catalog.get-entry';

/** 信息资源代码: 前段码 (classification) "/" 后段码 (the registering node's code + a six-digit sequence). */
export const ENTRY_CODE_PATTERN = /^[1-3]\d{2}(\d{3}){0,2}\/(\d{6}|[0-9A-HJ-NPQRTUWXY]{18})\d{6}$/;

/** Seconds a caller is told to wait when the entry's node cannot be reached. */
export const LOOKUP_RETRY_SECONDS = 30;

/** The node an entry was registered at, as its code says (`101001/360100000042` → `360100`). */
export function entryCodeNode(code: string): string {
  if (!ENTRY_CODE_PATTERN.test(code)) throw new Error(`not an entry code: ${code}`);
  return code.slice(code.indexOf('/') + 1, -6);
}

export function encodeEntryLookup(code: string): Buffer {
  return Buffer.from(JSON.stringify({ code }));
}

/**
 * What a lookup's reply means for an applicant naming the entry in `field`: the entry's record, or
 * the answer to give — 404 (no such published entry there, or no such node), 503 (the node cannot be
 * reached now), 504 (it did not answer in time), 502 (it answered something else).
 */
export function lookupAnswer(
  reply: federationRoutingV1.RoutedReply | undefined,
  code: string,
  field: string,
): CatalogEntryEventV1 {
  const node = entryCodeNode(code);
  if (!reply) throw unreachable(node, 'no answer');
  switch (reply.code) {
    case status.OK:
      return readRecord(Buffer.from(reply.payload), code, node);
    case status.NOT_FOUND: {
      const message = `节点 ${node} 没有可共享的已发布目录 ${code} (node ${node} has no published entry ${code} to share (${reply.message}))`;
      throw new GovdataError(ErrorCode.NotFound, message, [
        { path: field, rule: EntryLookupRule.PublishedEntry, message },
      ]);
    }
    case status.UNAVAILABLE:
      throw unreachable(node, reply.message);
    case status.DEADLINE_EXCEEDED:
      throw GovdataError.gatewayTimeout(
        `节点 ${node} 的目录未及时响应 (the catalog of node ${node} did not answer in time: ${reply.message})`,
      );
    default:
      throw GovdataError.badGateway(
        `节点 ${node} 拒绝查询目录 ${code} (node ${node} refused the lookup of entry ${code}: ${reply.message})`,
      );
  }
}

/** 503 with `reason: provider-unreachable`, as the exchange answers when a provider node cannot be reached. */
export function unreachable(node: string, why: string): GovdataError {
  return new GovdataError(
    ErrorCode.Unavailable,
    `无法连接提供方节点 ${node} 的目录以查询该目录 (the catalog of provider node ${node} cannot be reached to look up the entry: ${why})`,
    [],
    { retryAfterSeconds: LOOKUP_RETRY_SECONDS, reason: 'provider-unreachable' },
  );
}

function readRecord(payload: Buffer, code: string, node: string): CatalogEntryEventV1 {
  let record: CatalogEntryEventV1;
  try {
    record = validateEventData('catalog.entry.v1', JSON.parse(payload.toString('utf8')));
  } catch (error) {
    const why = error instanceof EventSchemaError || error instanceof SyntaxError ? error.message : String(error);
    throw GovdataError.badGateway(
      `节点 ${node} 查询 ${code} 未返回目录 (node ${node} answered the lookup of ${code} with no catalog entry: ${why})`,
    );
  }
  if (record.entry.code !== code || record.entry.nodeCode !== node || record.action !== 'publish') {
    throw GovdataError.badGateway(
      `节点 ${node} 查询 ${code} 返回了节点 ${record.entry.nodeCode} 的目录 ${record.entry.code} (node ${node} answered the lookup of ${code} with entry ${record.entry.code} (${record.action}) of node ${record.entry.nodeCode})`,
    );
  }
  return record;
}
