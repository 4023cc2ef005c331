import { randomUUID } from 'node:crypto';
import {
  validateEventData,
  type CatalogEntryEventV1,
  type federationV1,
  type OpenDatasetEventV1,
} from '@govdata/contracts';
import { checkEnvelope, isRefusal, replicaEvent, replicaEventData, type AcceptedEnvelope } from './envelope-rules.js';

/** A publish at 南昌市 360100 as its catalog emits it. */
function publishAtCity(sequence: number, action: CatalogEntryEventV1['action'] = 'publish'): CatalogEntryEventV1 {
  const organisationId = randomUUID();
  return {
    action,
    sequence,
    entry: {
      id: randomUUID(),
      code: '101001/360100000001',
      nodeCode: '360100',
      organisationId,
      provider: { name: '南昌市市场监督管理局', code: '11360100MB17195879' },
      status: 'published',
      headVersion: 1,
      headState: 'published',
      publishedVersion: 1,
      authoritativeEntryId: null,
    },
    version: {
      number: 1,
      state: 'published',
      publishDate: '2026-03-02',
      content: {
        name: '南昌市人口基本信息',
        abstract: '户籍人口基本信息',
        classificationCode: '101001',
        grade: {},
        sharing: { type: 'unconditional' },
        open: { type: 'none' },
        format: {},
        updateCycle: 'daily',
        items: [{ name: '姓名', dataType: 'string' }],
        regionCode: '360100',
        tags: [],
        relatedCodes: [],
      },
    },
    actor: { subject: 'user:reviewer@360100', organisationId },
    at: '2026-03-02T08:00:00.000Z',
  };
}

/** The province 360000 relaying the city's record to national 100000. */
function envelopeOf(record: CatalogEntryEventV1, overrides: Partial<federationV1.ReplicateRequest> = {}) {
  return {
    seq: 7,
    id: randomUUID(),
    kind: 'catalog.entry',
    origin: '360100',
    recordKey: record.entry.id,
    version: record.sequence,
    path: ['360100', '360000'],
    timeMs: Date.parse(record.at),
    recordJson: JSON.stringify(record),
    destination: '',
    ...overrides,
  } satisfies federationV1.ReplicateRequest;
}

describe('envelope rules', () => {
  it('accepts a record relayed up the tree and keeps its JSON as it arrived', () => {
    const envelope = envelopeOf(publishAtCity(12));
    const accepted = checkEnvelope(envelope, '360000', '100000') as AcceptedEnvelope;
    expect(isRefusal(accepted)).toBe(false);
    expect(accepted).toMatchObject({ origin: '360100', version: 12, path: ['360100', '360000'] });
    expect(accepted.recordJson).toBe(envelope.recordJson);
  });

  // The replica event is published without the schema running again: this is what stands in for it.
  it.each(['publish', 'retire'] as const)('builds federation.replica.v1 data that passes its schema (%s)', (action) => {
    const accepted = checkEnvelope(envelopeOf(publishAtCity(3, action)), '360000', '100000') as AcceptedEnvelope;
    const data = replicaEventData(accepted, '100000', new Date('2026-03-02T08:00:01.000Z'));
    expect(validateEventData('federation.replica.v1', data)).toEqual({
      kind: 'catalog.entry',
      origin: '360100',
      path: ['360100', '360000', '100000'],
      version: 3,
      receivedAt: '2026-03-02T08:00:01.000Z',
      record: expect.objectContaining({ action }),
    });
  });

  it('refuses a record that is no catalog.entry.v1 data, naming the field', () => {
    const record = publishAtCity(4);
    const broken = { ...record, entry: { ...record.entry, organisationId: 'not-a-uuid' } };
    const refusal = checkEnvelope(envelopeOf(record, { recordJson: JSON.stringify(broken) }), '360000', '100000');
    expect(refusal).toEqual({
      rule: 'malformed',
      message: expect.stringMatching(
        /^record is no catalog\.entry\.v1 data: .*\$\.entry\.organisationId: must match format "uuid"/s,
      ),
    });
  });

  it('refuses a transition that is not replicated, and a record whose key is not the envelope’s', () => {
    expect(checkEnvelope(envelopeOf(publishAtCity(5, 'approve')), '360000', '100000')).toEqual({
      rule: 'malformed',
      message: 'action approve is not replicated',
    });
    const record = publishAtCity(6);
    expect(checkEnvelope(envelopeOf(record, { recordKey: randomUUID() }), '360000', '100000')).toEqual({
      rule: 'malformed',
      message: 'recordKey is not the entry id',
    });
  });

  it('refuses an origin outside the sender’s subtree and a path that already passed this node', () => {
    const record = publishAtCity(8);
    expect(checkEnvelope(envelopeOf(record), '440000', '100000')).toMatchObject({ rule: 'outside-subtree' });
    expect(
      checkEnvelope(envelopeOf(record, { path: ['360100', '100000', '360000'] }), '360000', '100000'),
    ).toMatchObject({ rule: 'loop' });
  });

  describe('open datasets (kind open-data.dataset)', () => {
    /** A dataset opened at 南昌市 360100 as its open-data service announces it. */
    function openedAtCity(version: number, status: 'open' | 'archived' = 'open'): OpenDatasetEventV1 {
      return {
        action: status === 'open' ? 'open' : 'archive',
        version,
        at: '2026-03-02T08:00:00.000Z',
        dataset: {
          id: randomUUID(),
          nodeCode: '360100',
          entryId: randomUUID(),
          entryCode: '101001/360100000001',
          name: '南昌市食品经营许可信息',
          abstract: '许可证编号与经营者',
          provider: { organisationId: randomUUID(), name: '南昌市市场监督管理局', code: '11360100MB17195879' },
          openType: 'unconditional',
          openConditions: '',
          updateCycle: 'daily',
          regionCode: '360100',
          classification: '101001',
          tags: ['许可'],
          items: [{ name: '许可证编号', dataType: 'C', length: 30 }],
          formats: [],
          domain: 'economy',
          licence: 'cc-by',
          status,
          openedAt: '2026-03-01T08:00:00.000Z',
          archivedAt: status === 'archived' ? '2026-03-02T08:00:00.000Z' : null,
          archivedReason: status === 'archived' ? '目录已停用' : null,
          metadataModified: '2026-03-02T08:00:00.000Z',
          resources: [
            {
              id: randomUUID(),
              kind: 'table',
              name: '许可表',
              columns: [{ item: '许可证编号', masked: false }],
              files: [],
              updatedAt: '2026-03-01T08:00:00.000Z',
            },
          ],
        },
      };
    }
    const datasetEnvelope = (record: OpenDatasetEventV1, overrides: Partial<federationV1.ReplicateRequest> = {}) =>
      envelopeOf(publishAtCity(1), {
        kind: 'open-data.dataset',
        recordKey: record.dataset.id,
        version: record.version,
        timeMs: Date.parse(record.at),
        recordJson: JSON.stringify(record),
        ...overrides,
      });

    // Published with publishManyChecked like the catalog's replicas: this stands in for the schema.
    it.each(['open', 'archived'] as const)(
      'builds federation.open-dataset.v1 data that passes its schema (%s)',
      (s) => {
        const record = openedAtCity(2, s);
        const accepted = checkEnvelope(datasetEnvelope(record), '360000', '100000') as AcceptedEnvelope;
        expect(isRefusal(accepted)).toBe(false);
        const event = replicaEvent(accepted, '100000', new Date('2026-03-02T08:00:01.000Z'));
        expect(event.type).toBe('federation.open-dataset.v1');
        expect(validateEventData('federation.open-dataset.v1', event.data)).toEqual({
          kind: 'open-data.dataset',
          origin: '360100',
          path: ['360100', '360000', '100000'],
          version: 2,
          receivedAt: '2026-03-02T08:00:01.000Z',
          record,
        });
      },
    );

    it('refuses a dataset whose key, node or version is not the envelope’s, or that carries a source', () => {
      const record = openedAtCity(3);
      const refusal = (overrides: Partial<federationV1.ReplicateRequest>, data: unknown = record) =>
        checkEnvelope(datasetEnvelope(record, { recordJson: JSON.stringify(data), ...overrides }), '360000', '100000');
      expect(refusal({ recordKey: randomUUID() })).toEqual({
        rule: 'malformed',
        message: 'recordKey is not the dataset id',
      });
      expect(refusal({ version: 4 })).toEqual({ rule: 'malformed', message: 'version is not the record’s version' });
      expect(refusal({}, { ...record, dataset: { ...record.dataset, nodeCode: '360200' } })).toEqual({
        rule: 'malformed',
        message: 'origin is not the dataset’s node',
      });
      const leaking = {
        ...record,
        dataset: {
          ...record.dataset,
          resources: [{ ...record.dataset.resources[0], source: { host: '10.0.0.1', passwordSealed: 'x' } }],
        },
      };
      expect(refusal({}, leaking)).toMatchObject({
        rule: 'malformed',
        message: expect.stringContaining('record is no open-data.dataset.v1 data'),
      });
    });

    it('still refuses a kind it does not replicate', () => {
      expect(checkEnvelope(envelopeOf(publishAtCity(1), { kind: 'open-data.person' }), '360000', '100000')).toEqual({
        rule: 'malformed',
        message: 'kind "open-data.person" is not replicated',
      });
    });
  });
});
