import { validateEventData } from '@govdata/contracts';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { decodeEntryLookup, lookupRecord } from './entry-lookup.js';
import type { EntryRecord, TransitionRecord, VersionRecord } from './entry.types.js';

const MINISTRY = '11100000000013338W';
const ORG = '00000000-0000-4000-8000-0000000000aa';
const CODE = `101001/${MINISTRY}000007`;

describe('catalog.get-entry — another node asks for a published entry by its code', () => {
  it('takes an entry code and refuses anything else as invalid', () => {
    expect(decodeEntryLookup(Buffer.from(JSON.stringify({ code: CODE })))).toEqual({ code: CODE });
    for (const bad of ['{}', 'not json', JSON.stringify({ code: '101001-360100000042' })]) {
      const error = (() => {
        try {
          decodeEntryLookup(Buffer.from(bad));
        } catch (e) {
          return e as GovdataError;
        }
        return null;
      })();
      expect(error?.code).toBe(ErrorCode.ValidationFailed);
    }
  });

  it('answers with the record of the last publication, as a replica of it carries — a valid catalog.entry.v1', () => {
    const entry: EntryRecord = {
      id: '00000000-0000-4000-8000-000000000007',
      code: CODE,
      nodeCode: MINISTRY,
      organisationId: ORG,
      headVersion: 2,
      headState: 'draft',
      publishedVersion: 1,
      retiredAt: null,
      authoritativeEntryId: null,
      createdBy: 'editor',
      createdAt: new Date('2026-08-01T00:00:00Z'),
      updatedAt: new Date('2026-09-02T00:00:00Z'),
      firstPublishedAt: new Date('2026-09-01T00:00:00Z'),
    };
    const published = {
      entryId: entry.id,
      version: 1,
      state: 'published',
      content: {
        name: '全国人口基本信息',
        abstract: '人口',
        classificationCode: '101001',
        grade: { category: 'general', level: 3 },
        sharing: { type: 'conditional', conditions: '依法履职', methods: ['platform'] },
        open: { type: 'none' },
        format: { category: 'interface', detail: 'REST' },
        updateCycle: 'daily',
        items: [{ name: '姓名', dataType: 'C', length: 50 }],
        regionCode: '100000',
        tags: [],
        relatedCodes: [],
      },
      publishDate: '2026-09-01',
    } as unknown as VersionRecord;
    const publication = {
      seq: 41,
      entryId: entry.id,
      version: 1,
      action: 'publish',
      actor: { subject: 'reviewer', name: null, organisationId: ORG },
      at: new Date('2026-09-01T02:00:00Z'),
    } as TransitionRecord;
    const record = lookupRecord(entry, published, publication, null);
    expect(() => validateEventData('catalog.entry.v1', JSON.parse(JSON.stringify(record)))).not.toThrow();
    expect(record).toMatchObject({
      action: 'publish',
      sequence: 41,
      entry: { code: CODE, nodeCode: MINISTRY, status: 'published', publishedVersion: 1, headVersion: 2 },
      version: { number: 1, state: 'published', content: { name: '全国人口基本信息' } },
      at: '2026-09-01T02:00:00.000Z',
    });
  });
});
