import { GovdataError, type ErrorCode, type FieldProblem } from '@govdata/platform-errors';
import { z } from 'zod';
import type { RowsPage } from './table-reader.js';

/** The method a node's open-data service answers for an ancestor (a replica's rows read at the origin). */
export const ORIGIN_ROWS_METHOD = 'open-data.rows/v1';

/** A page of a resource's rows asked for by an ancestor, with the query its reader gave. */
export interface OriginRowsRequest {
  datasetId: string;
  resourceId: string;
  filters: Record<string, string | number | boolean | null>;
  sort?: { item: string; direction: 'asc' | 'desc' };
  after?: string;
  limit: number;
}

/** The origin's answer: the page as its own API would give it, or the problem it answered. */
export type OriginRowsAnswer =
  { page: RowsPage & { fields: string[] } } | { problem: { code: ErrorCode; message: string; fields: FieldProblem[] } };

const requestSchema = z
  .object({
    datasetId: z.uuid(),
    resourceId: z.uuid(),
    filters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    sort: z
      .object({ item: z.string().min(1).max(200), direction: z.enum(['asc', 'desc']) })
      .strict()
      .optional(),
    after: z.string().max(2_000).optional(),
    limit: z.number().int().min(1).max(1_000),
  })
  .strict();

export function encodeRowsRequest(request: OriginRowsRequest): Buffer {
  return Buffer.from(JSON.stringify(request), 'utf8');
}

/** The request as the origin checks it: the same bounds as its own HTTP query. */
export function decodeRowsRequest(payload: Buffer): OriginRowsRequest {
  return requestSchema.parse(JSON.parse(payload.toString('utf8')));
}

export function encodeRowsAnswer(answer: OriginRowsAnswer): Buffer {
  return Buffer.from(JSON.stringify(answer), 'utf8');
}

/** The origin's page, or its problem raised again here (a 404 there is a 404 here). */
export function decodeRowsAnswer(payload: Buffer): RowsPage & { fields: string[] } {
  const answer = JSON.parse(payload.toString('utf8')) as OriginRowsAnswer;
  if ('problem' in answer) {
    throw new GovdataError(answer.problem.code, answer.problem.message, answer.problem.fields);
  }
  return answer.page;
}
