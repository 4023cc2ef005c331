import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import catalogEntryV1Schema from './catalog.entry.v1.schema.json' with { type: 'json' };
import catalogStandardV1Schema from './catalog.standard.v1.schema.json' with { type: 'json' };
import type {
  CatalogEntryEventV1,
  DemandApplicationEventV1,
  ExchangeCallEventV1,
  ExchangeGrantEventV1,
  FederationAlertEventV1,
  InheritedStandardEventV1,
  OpenApplicationEventV1,
  OpenDatasetEventV1,
  OpenErrorReportEventV1,
  OpenDatasetReplicaEventV1,
  OrganisationEventV1,
  ProbeEventV1,
  ReplicaEventV1,
  StandardEventV1,
} from './event-payloads.js';
import demandApplicationV1Schema from './demand.application.v1.schema.json' with { type: 'json' };
import exchangeCallV1Schema from './exchange.call.v1.schema.json' with { type: 'json' };
import exchangeGrantV1Schema from './exchange.grant.v1.schema.json' with { type: 'json' };
import federationAlertV1Schema from './federation.alert.v1.schema.json' with { type: 'json' };
import federationOpenDatasetV1Schema from './federation.open-dataset.v1.schema.json' with { type: 'json' };
import replicaV1Schema from './federation.replica.v1.schema.json' with { type: 'json' };
import federationStandardV1Schema from './federation.standard.v1.schema.json' with { type: 'json' };
import { EventSchemaError, type EventSchemaProblem } from './event-schema-error.js';
import organisationV1Schema from './identity.organisation.v1.schema.json' with { type: 'json' };
import openDataApplicationV1Schema from './open-data.application.v1.schema.json' with { type: 'json' };
import openDataDatasetV1Schema from './open-data.dataset.v1.schema.json' with { type: 'json' };
import openDataErrorReportV1Schema from './open-data.error-report.v1.schema.json' with { type: 'json' };
import probeV1Schema from './platform.probe.v1.schema.json' with { type: 'json' };

/** The payload type of each event type (one versioned event family per topic). */
export interface EventDataMap {
  'catalog.entry.v1': CatalogEntryEventV1;
  'catalog.standard.v1': StandardEventV1;
  'demand.application.v1': DemandApplicationEventV1;
  'exchange.call.v1': ExchangeCallEventV1;
  'exchange.grant.v1': ExchangeGrantEventV1;
  'federation.alert.v1': FederationAlertEventV1;
  'federation.open-dataset.v1': OpenDatasetReplicaEventV1;
  'federation.replica.v1': ReplicaEventV1;
  'federation.standard.v1': InheritedStandardEventV1;
  'identity.organisation.v1': OrganisationEventV1;
  'open-data.application.v1': OpenApplicationEventV1;
  'open-data.dataset.v1': OpenDatasetEventV1;
  'open-data.error-report.v1': OpenErrorReportEventV1;
  'platform.probe.v1': ProbeEventV1;
}

export type EventType = keyof EventDataMap;

const SCHEMAS: Record<EventType, object> = {
  'catalog.entry.v1': catalogEntryV1Schema,
  'catalog.standard.v1': catalogStandardV1Schema,
  'demand.application.v1': demandApplicationV1Schema,
  'exchange.call.v1': exchangeCallV1Schema,
  'exchange.grant.v1': exchangeGrantV1Schema,
  'federation.alert.v1': federationAlertV1Schema,
  'federation.open-dataset.v1': federationOpenDatasetV1Schema,
  'federation.replica.v1': replicaV1Schema,
  'federation.standard.v1': federationStandardV1Schema,
  'identity.organisation.v1': organisationV1Schema,
  'open-data.application.v1': openDataApplicationV1Schema,
  'open-data.dataset.v1': openDataDatasetV1Schema,
  'open-data.error-report.v1': openDataErrorReportV1Schema,
  'platform.probe.v1': probeV1Schema,
};

export const EVENT_TYPES = Object.keys(SCHEMAS) as readonly EventType[];

// All problems at once, so a producer fixes its payload in one go; strict, so a mistake in a schema
// file fails here at start-up rather than silently accepting everything.
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
// ajv-formats is CommonJS: under `nodenext` its function is the default export's `default`.
addFormats.default(ajv);

const VALIDATORS = new Map<string, ValidateFunction>(
  EVENT_TYPES.map((type) => [type, ajv.compile(SCHEMAS[type])] as const),
);

export function isKnownEventType(type: string): type is EventType {
  return VALIDATORS.has(type);
}

/**
 * The data of an event checked against the schema of its type, typed accordingly.
 * Throws {@link EventSchemaError} naming each path and rule broken, or when the type is unknown.
 */
export function validateEventData<T extends EventType>(type: T, data: unknown): EventDataMap[T];
export function validateEventData(type: string, data: unknown): EventDataMap[EventType];
export function validateEventData(type: string, data: unknown): EventDataMap[EventType] {
  const validate = VALIDATORS.get(type);
  if (!validate) {
    throw new EventSchemaError(type, [
      { path: '$', rule: 'eventType', message: `no schema for this event type; known: ${EVENT_TYPES.join(', ')}` },
    ]);
  }
  if (!validate(data)) throw new EventSchemaError(type, (validate.errors ?? []).map(toProblem));
  return data as EventDataMap[EventType];
}

function toProblem(error: ErrorObject): EventSchemaProblem {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as Record<string, unknown>;
  // `required` and `additionalProperties` are reported on the object; name the property itself.
  if (error.keyword === 'required') segments.push(String(params['missingProperty']));
  if (error.keyword === 'additionalProperties') segments.push(String(params['additionalProperty']));
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'required') message = 'is required';
  if (error.keyword === 'additionalProperties') message = 'is not allowed';
  if (error.keyword === 'enum') message = `must be one of ${(params['allowedValues'] as unknown[]).join(', ')}`;
  return { path: toJsonPath(segments), rule: error.keyword, message };
}

function toJsonPath(segments: string[]): string {
  return segments.reduce((path, s) => {
    if (/^\d+$/.test(s)) return `${path}[${s}]`;
    if (/^[A-Za-z_$][\w$]*$/.test(s)) return `${path}.${s}`;
    return `${path}[${JSON.stringify(s)}]`;
  }, '$');
}
