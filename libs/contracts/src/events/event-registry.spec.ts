import * as identityV1 from '../generated/govdata/identity/v1/organisation_directory.js';
import { ORGANISATION_EVENT_ACTIONS, ORGANISATION_KIND_NAMES, type OrganisationEventV1 } from './event-payloads.js';
import { EVENT_TYPES, isKnownEventType, validateEventData } from './event-registry.js';
import { EventSchemaError } from './event-schema-error.js';
import organisationV1Schema from './identity.organisation.v1.schema.json' with { type: 'json' };

const organisationEvent = (): OrganisationEventV1 => ({
  action: 'created',
  organisation: {
    id: '6f1c2a4e-8d3b-4f0a-9c7e-1b2d3e4f5a6b',
    nodeCode: '360000',
    name: '江西省公安厅',
    uscc: '11360000014500000X',
    regionCode: '360000',
    kind: 'department',
    parentId: null,
    version: 1,
  },
});

function problemsOf(type: string, data: unknown) {
  try {
    validateEventData(type, data);
  } catch (error) {
    expect(error).toBeInstanceOf(EventSchemaError);
    return (error as EventSchemaError).problems;
  }
  throw new Error('expected the data to be rejected');
}

describe('event registry', () => {
  it('knows the versioned event families', () => {
    expect(EVENT_TYPES).toEqual([
      'catalog.entry.v1',
      'catalog.standard.v1',
      'demand.application.v1',
      'exchange.call.v1',
      'exchange.grant.v1',
      'federation.alert.v1',
      'federation.open-dataset.v1',
      'federation.replica.v1',
      'federation.standard.v1',
      'identity.organisation.v1',
      'open-data.application.v1',
      'open-data.dataset.v1',
      'open-data.error-report.v1',
      'platform.probe.v1',
    ]);
    expect(isKnownEventType('platform.probe.v1')).toBe(true);
    expect(isKnownEventType('platform.probe.v2')).toBe(false);
  });

  it('accepts good payloads and returns them unchanged', () => {
    const created = organisationEvent();
    expect(validateEventData('identity.organisation.v1', created)).toBe(created);

    const child = organisationEvent();
    child.action = 'updated';
    child.organisation.parentId = '0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70';
    child.organisation.version = 7;
    expect(validateEventData('identity.organisation.v1', child).organisation.parentId).toBe(
      child.organisation.parentId,
    );

    const probe = { message: 'ping', sequence: 0 };
    expect(validateEventData('platform.probe.v1', probe)).toEqual({ message: 'ping', sequence: 0 });
  });

  it('names the path and the rule of every problem', () => {
    const event = organisationEvent() as any;
    event.organisation.uscc = '11360000014500000I';
    event.organisation.version = 0;
    event.organisation.parentId = 'not-a-uuid';
    delete event.organisation.regionCode;

    expect(problemsOf('identity.organisation.v1', event)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '$.organisation.uscc', rule: 'pattern' }),
        expect.objectContaining({ path: '$.organisation.version', rule: 'minimum' }),
        expect.objectContaining({ path: '$.organisation.parentId', rule: 'format' }),
        { path: '$.organisation.regionCode', rule: 'required', message: 'is required' },
      ]),
    );
  });

  it('puts path, rule and expectation in the error message', () => {
    expect(() => validateEventData('platform.probe.v1', { message: 'x'.repeat(201), sequence: 1 })).toThrow(
      '$.message: must NOT have more than 200 characters (maxLength)',
    );
    expect(() => validateEventData('identity.organisation.v1', { ...organisationEvent(), action: 'deleted' })).toThrow(
      '$.action: must be one of created, updated, deactivated (enum)',
    );
  });

  it('rejects wrong types, fractions and unknown fields', () => {
    expect(problemsOf('platform.probe.v1', { message: '', sequence: 1.5, extra: true })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '$.message', rule: 'minLength' }),
        expect.objectContaining({ path: '$.sequence', rule: 'type' }),
        { path: '$.extra', rule: 'additionalProperties', message: 'is not allowed' },
      ]),
    );
    expect(problemsOf('platform.probe.v1', 'ping')).toEqual([
      expect.objectContaining({ path: '$', rule: 'type', message: 'must be object' }),
    ]);
  });

  it('rejects an unknown event type with an EventSchemaError', () => {
    expect(problemsOf('catalog.entry.v9', {})).toEqual([expect.objectContaining({ path: '$', rule: 'eventType' })]);
    expect(() => validateEventData('catalog.entry.v9', {})).toThrow(
      /catalog\.entry\.v9.*\n.*known: catalog\.entry\.v1, catalog\.standard\.v1, demand\.application\.v1/,
    );
  });

  it('accepts a catalog entry transition and names what a broken one lacks', () => {
    const event = {
      action: 'publish',
      sequence: 7,
      entry: {
        id: '6f1c2a4e-8d3b-4f0a-9c7e-1b2d3e4f5a6b',
        code: '101001/360100000042',
        nodeCode: '360100',
        organisationId: '7a1c2a4e-8d3b-4f0a-9c7e-1b2d3e4f5a6b',
        provider: { name: '南昌市公安局', code: '113601000146010264' },
        status: 'published',
        headVersion: 1,
        headState: 'published',
        publishedVersion: 1,
        authoritativeEntryId: null,
      },
      version: {
        number: 1,
        state: 'published',
        publishDate: '2026-11-23',
        content: {
          name: '人口基本信息',
          abstract: '户籍人口基本信息',
          classificationCode: '101001',
          grade: { category: 'general', level: 3 },
          sharing: { type: 'conditional', conditions: '依法履职', methods: ['platform'] },
          open: { type: 'none' },
          format: { category: 'database' },
          updateCycle: 'daily',
          items: [{ name: '姓名', dataType: 'C', length: 50 }],
          regionCode: '360100',
          tags: [],
          relatedCodes: [],
        },
      },
      actor: { subject: 'reviewer', organisationId: '8a1c2a4e-8d3b-4f0a-9c7e-1b2d3e4f5a6b' },
      at: '2026-11-23T05:00:00.000Z',
    };
    expect(validateEventData('catalog.entry.v1', event)).toBe(event);
    const broken = {
      ...event,
      entry: { ...event.entry, code: '101001-360100000042' },
      version: { ...event.version, content: { name: 'x' } },
    };
    expect(problemsOf('catalog.entry.v1', broken)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '$.entry.code', rule: 'pattern' }),
        expect.objectContaining({ path: '$.version.content.items', rule: 'required' }),
      ]),
    );
  });

  it('keeps the TypeScript constants, the JSON schema and the proto enum in step', () => {
    const { properties } = organisationV1Schema;
    expect(properties.action.enum).toEqual([...ORGANISATION_EVENT_ACTIONS]);
    expect(properties.organisation.properties.kind.enum).toEqual([...ORGANISATION_KIND_NAMES]);

    const protoKinds = Object.keys(identityV1.OrganisationKind)
      .filter((k) => k.startsWith('ORGANISATION_KIND_') && k !== 'ORGANISATION_KIND_UNSPECIFIED')
      .map((k) => k.slice('ORGANISATION_KIND_'.length).toLowerCase());
    expect(protoKinds).toEqual([...ORGANISATION_KIND_NAMES]);
  });
});

describe('standards flowing down (catalog.standard.v1, federation.standard.v1)', () => {
  const standard = {
    action: 'upsert',
    at: '2026-11-23T08:00:00.000Z',
    standard: {
      kind: 'classification',
      key: '114',
      origin: '100000',
      version: 1,
      body: { code: '114', parentCode: '1', level: 2, name: '数据资源', nameEn: 'Data resources' },
    },
  };

  it('accepts each kind with its own body', () => {
    expect(validateEventData('catalog.standard.v1', standard).standard.kind).toBe('classification');
    const inherited = { ...standard, path: ['100000', '360000'], receivedAt: '2026-11-23T08:00:01.000Z' };
    expect(validateEventData('federation.standard.v1', inherited).path).toEqual(['100000', '360000']);
  });

  it('refuses a body that belongs to another kind, naming where', () => {
    const wrong = { ...standard, standard: { ...standard.standard, kind: 'grade-policy' } };
    const problems = problemsOf('catalog.standard.v1', wrong);
    expect(problems.some((p) => p.path.startsWith('$.standard'))).toBe(true);
  });

  it('refuses an inherited standard without its path', () => {
    expect(problemsOf('federation.standard.v1', standard)).toContainEqual(
      expect.objectContaining({ path: '$.path', rule: 'required' }),
    );
  });
});
