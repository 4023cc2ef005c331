import { status } from '@grpc/grpc-js';
import type { CatalogEntryEventV1 } from '@govdata/contracts';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { entryCodeNode, lookupAnswer } from './entry-lookup.js';

const MINISTRY = '11100000000013338W';
const CODE = `101001/${MINISTRY}000007`;

function record(overrides: Partial<CatalogEntryEventV1['entry']> = {}): CatalogEntryEventV1 {
  return {
    action: 'publish',
    sequence: 12,
    entry: {
      id: '00000000-0000-4000-8000-000000000007',
      code: CODE,
      nodeCode: MINISTRY,
      organisationId: '00000000-0000-4000-8000-0000000000aa',
      provider: { name: '公安部', code: '11100000000013338W' },
      status: 'published',
      headVersion: 1,
      headState: 'published',
      publishedVersion: 1,
      authoritativeEntryId: null,
      ...overrides,
    },
    version: {
      number: 1,
      state: 'published',
      publishDate: '2026-09-01',
      content: {
        name: '全国人口基本信息',
        abstract: '人口',
        classificationCode: '101001',
        grade: { category: 'general', level: 3 },
        sharing: { type: 'conditional', conditions: '依法履职' },
        open: { type: 'none' },
        format: { category: 'interface' },
        updateCycle: 'daily',
        items: [{ name: '姓名', dataType: 'C' }],
        regionCode: '100000',
        tags: [],
        relatedCodes: [],
      },
    },
    actor: { subject: 'reviewer', organisationId: '00000000-0000-4000-8000-0000000000aa' },
    at: '2026-09-01T00:00:00.000Z',
  };
}

const reply = (code: status, payload: unknown = null, message = '') => ({
  code,
  message,
  payload: payload === null ? Buffer.alloc(0) : Buffer.from(JSON.stringify(payload)),
  path: ['360100', '360000', '100000', MINISTRY],
});

function failure(fn: () => unknown): GovdataError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GovdataError) return error;
    throw error;
  }
  throw new Error('expected a GovdataError');
}

describe('looking an entry up at the node its code names', () => {
  it('reads the node from the 后段码, for regional and ministry nodes', () => {
    expect(entryCodeNode('101001/360100000042')).toBe('360100');
    expect(entryCodeNode(CODE)).toBe(MINISTRY);
    expect(() => entryCodeNode('101001-360100000042')).toThrow();
  });

  it('takes the record the node answered when it is the entry asked for', () => {
    expect(lookupAnswer(reply(status.OK, record()), CODE, 'target.entryCode')).toMatchObject({
      sequence: 12,
      entry: { code: CODE, nodeCode: MINISTRY },
    });
  });

  it('answers 404 naming the field when the node has no such published entry (or there is no such node)', () => {
    const error = failure(() => lookupAnswer(reply(status.NOT_FOUND, null, 'not found'), CODE, 'target.entryCode'));
    expect(error.code).toBe(ErrorCode.NotFound);
    expect(error.fields[0]).toMatchObject({ path: 'target.entryCode', rule: 'published-entry' });
  });

  it('answers 503 provider-unreachable when a link on the way is down, 504 when the node is too slow', () => {
    const down = failure(() => lookupAnswer(reply(status.UNAVAILABLE, null, 'node X is not connected'), CODE, 'f'));
    expect(down.httpStatus).toBe(503);
    expect(down.extra).toMatchObject({ reason: 'provider-unreachable', retryAfterSeconds: 30 });
    expect(down.message).toContain(MINISTRY);
    expect(failure(() => lookupAnswer(undefined, CODE, 'f')).httpStatus).toBe(503);
    expect(failure(() => lookupAnswer(reply(status.DEADLINE_EXCEEDED), CODE, 'f')).httpStatus).toBe(504);
  });

  it('answers 502 for a refusal or a record that is not the entry asked for', () => {
    expect(failure(() => lookupAnswer(reply(status.UNIMPLEMENTED), CODE, 'f')).httpStatus).toBe(502);
    expect(failure(() => lookupAnswer(reply(status.OK, { hello: 1 }), CODE, 'f')).httpStatus).toBe(502);
    const other = record({ code: `101001/${MINISTRY}000008` });
    expect(failure(() => lookupAnswer(reply(status.OK, other), CODE, 'f')).httpStatus).toBe(502);
  });
});
