import fc from 'fast-check';

/** The parts of JSON Schema (OpenAPI 3 / zod's output) the generator reads. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
}

/** One OpenAPI parameter (path or query). */
export interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
}

/** A body as it goes on the wire: JSON text (built by hand where JSON.stringify would overflow) or bytes. */
export type WireBody = { json: string } | { bytes: Uint8Array; contentType: string } | undefined;

/** Strings that have broken services before, and the usual suspects at any string rule's edge. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '%00',
  '\\u0000',
  "'; DROP TABLE x; --",
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${jndi:x}',
  '𠮷野家',
  '\u202e\u200b',
  'null',
  '-1',
  '1e309',
  'a'.repeat(100_000),
] as const;

const hostileString = fc.constantFrom(...HOSTILE_STRINGS);

/**
 * Values for anything that names a network place. The fuzz must reach nothing outside this machine
 * (and ask no DNS server), so such fields only ever get loopback or malformed addresses.
 */
const NETWORK_NAME = /host|url|uri|endpoint|upstream|address|server|callback|webhook|link|dsn|connection/i;
const loopbackPlace = fc.constantFrom(
  '127.0.0.1',
  'localhost',
  '::1',
  'http://127.0.0.1:9/',
  'https://127.0.0.1:9/x?y=1',
  'postgres://postgres@127.0.0.1:9/x',
  'not a url',
  '',
  '\u0000',
);

function nested(levels: number): string {
  return '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
}

/** JSON text nested past any sane limit (the gateway once answered 503 for every service). */
export const deepJson = fc.constantFrom(nested(70), nested(5_000), '['.repeat(20_000) + ']'.repeat(20_000));

/** A JSON value of any type, for "wrong type" cases. */
const anyJson = fc.jsonValue({ maxDepth: 3 });

const MAX_SCHEMA_DEPTH = 6;

/** Generates values for a schema: mostly valid-ish, with boundaries, wrong types and hostile strings mixed in. */
export class SchemaArbitraries {
  constructor(private readonly components: Record<string, JsonSchema> = {}) {}

  value(schema: JsonSchema | undefined, name = '', depth = 0, root?: JsonSchema): fc.Arbitrary<unknown> {
    if (!schema || depth > MAX_SCHEMA_DEPTH) return anyJson;
    const base = root ?? schema;
    if (schema.$ref) return this.value(this.resolve(schema.$ref, base), name, depth + 1, base);
    if (NETWORK_NAME.test(name) && (schema.type === 'string' || schema.type === undefined)) return loopbackPlace;
    return fc.oneof(
      { weight: 8, arbitrary: this.validish(schema, name, depth, base) },
      { weight: 1, arbitrary: anyJson },
      { weight: 1, arbitrary: hostileString },
    );
  }

  /** A whole body: valid-ish, missing its required fields, of a wrong type, or nested too deep. */
  body(schema: JsonSchema | undefined): fc.Arbitrary<{ json: string }> {
    const asText = (value: unknown) => ({ json: JSON.stringify(value) ?? 'null' });
    const resolved = schema?.$ref ? this.resolve(schema.$ref, schema) : schema;
    const withoutRequired =
      resolved?.properties !== undefined ? this.object(resolved, 0, resolved, false).map(asText) : anyJson.map(asText);
    return fc.oneof(
      { weight: 6, arbitrary: this.value(schema).map(asText) },
      { weight: 2, arbitrary: withoutRequired },
      { weight: 1, arbitrary: anyJson.map(asText) },
      { weight: 1, arbitrary: deepJson.map((json) => ({ json })) },
      { weight: 1, arbitrary: fc.constantFrom('{', '{"a":}', '', 'null', '"\\ud800"').map((json) => ({ json })) },
    );
  }

  /** A path segment: a random UUID most often, else from the schema or hostile. */
  pathValue(schema: JsonSchema | undefined, name: string): fc.Arbitrary<string> {
    return fc.oneof(
      { weight: 4, arbitrary: fc.uuid() },
      { weight: 3, arbitrary: this.value(schema, name).map(scalarText) },
      { weight: 1, arbitrary: fc.constantFrom('0', '-1', '999999999999999999999', 'DE00001', '101001', '360000') },
      { weight: 2, arbitrary: hostileString },
    );
  }

  queryValue(schema: JsonSchema | undefined, name: string): fc.Arbitrary<string> {
    return this.value(schema, name).map(scalarText);
  }

  private validish(schema: JsonSchema, name: string, depth: number, root: JsonSchema): fc.Arbitrary<unknown> {
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum?.length) return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...schema.enum) }, fc.string());
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives?.length) return fc.oneof(...alternatives.map((s) => this.value(s, name, depth + 1, root)));
    if (schema.allOf?.length) return this.value(schema.allOf[0], name, depth + 1, root);
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    switch (type ?? (schema.properties ? 'object' : schema.items ? 'array' : undefined)) {
      case 'string':
        return this.string(schema);
      case 'integer':
      case 'number':
        return this.number(schema, type === 'integer');
      case 'boolean':
        return fc.oneof({ weight: 4, arbitrary: fc.boolean() }, fc.constantFrom('true', 0, 1));
      case 'null':
        return fc.constant(null);
      case 'array': {
        const items = this.value(schema.items, name, depth + 1, root);
        const maxLength = Math.min(schema.maxItems ?? 4, 4);
        return fc.oneof(
          {
            weight: 5,
            arbitrary: fc.array(items, { minLength: Math.min(schema.minItems ?? 0, maxLength), maxLength }),
          },
          { weight: 1, arbitrary: fc.array(items, { minLength: 0, maxLength: (schema.maxItems ?? 4) + 2 }) },
        );
      }
      case 'object':
        return this.object(schema, depth, root, true);
      default:
        return anyJson;
    }
  }

  private object(schema: JsonSchema, depth: number, root: JsonSchema, keepRequired: boolean): fc.Arbitrary<unknown> {
    const properties = schema.properties ?? {};
    const model = Object.fromEntries(
      Object.entries(properties).map(([key, s]) => [key, this.value(s, key, depth + 1, root)]),
    );
    const required = keepRequired ? (schema.required ?? []).filter((k) => k in properties) : [];
    const record = fc.record(model, { requiredKeys: required });
    // Now and then a key the schema does not know (strict schemas refuse it), or a hostile key.
    return fc
      .tuple(record, fc.option(fc.constantFrom('unknownKey', 'a\u0000b', '\udc00', '__proto__'), { freq: 8 }))
      .map(([value, extra]) => (extra === null ? value : { ...value, [extra]: 'x' }));
  }

  private string(schema: JsonSchema): fc.Arbitrary<unknown> {
    const min = schema.minLength ?? 0;
    const max = schema.maxLength ?? 40;
    const boundaries: string[] = [];
    if (min > 0) boundaries.push('x'.repeat(min - 1), '中'.repeat(min));
    if (schema.maxLength !== undefined) boundaries.push('中'.repeat(max), 'x'.repeat(max + 1));
    const byFormat = formatted(schema.format);
    return fc.oneof(
      { weight: 4, arbitrary: byFormat ?? fc.string({ minLength: min, maxLength: Math.min(max, 60) }) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, 20) }) },
      { weight: 1, arbitrary: boundaries.length ? fc.constantFrom(...boundaries) : fc.constant('') },
      {
        weight: 1,
        arbitrary: fc.constantFrom('中文名称', '人口基本信息', '360000', 'DE00001', '101001', '2026-10-01'),
      },
    );
  }

  private number(schema: JsonSchema, integer: boolean): fc.Arbitrary<unknown> {
    const min = schema.minimum ?? schema.exclusiveMinimum ?? -1_000_000;
    const max = schema.maximum ?? schema.exclusiveMaximum ?? 1_000_000;
    const inside = integer
      ? fc.integer({ min: Math.max(Math.ceil(min), -2_147_483_648), max: Math.min(Math.floor(max), 2_147_483_647) })
      : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    return fc.oneof(
      { weight: 5, arbitrary: inside },
      { weight: 2, arbitrary: fc.constantFrom(min - 1, max + 1, 0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308) },
      { weight: 1, arbitrary: fc.constantFrom('1', 'abc', null) },
    );
  }

  private resolve(ref: string, root: JsonSchema): JsonSchema | undefined {
    const name = ref.split('/').pop() ?? '';
    if (ref.startsWith('#/components/schemas/')) return this.components[name];
    if (ref.startsWith('#/$defs/') || ref.startsWith('#/definitions/')) return root.$defs?.[name];
    return undefined;
  }
}

function formatted(format: string | undefined): fc.Arbitrary<string> | undefined {
  switch (format) {
    case 'uuid':
      return fc.uuid();
    case 'date':
      return fc
        .date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc
        .date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'email':
      return fc.constantFrom('zhang.san@example.gov.cn', 'a@b', '@', 'x\u0000@y.cn');
    case 'uri':
    case 'url':
    case 'hostname':
    case 'ipv4':
    case 'ipv6':
      return loopbackPlace;
    default:
      return undefined;
  }
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value) ?? '';
}

/**
 * Percent-encodes text for a URL, lone surrogates included (as the three bytes a WTF-8 encoder
 * writes), which `encodeURIComponent` refuses to encode.
 */
export function encodeComponent(text: string): string {
  let out = '';
  for (const char of text) {
    const unit = char.charCodeAt(0);
    if (char.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else {
      out += encodeURIComponent(char);
    }
  }
  return out;
}
