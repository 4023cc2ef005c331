import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError, type ConfigProblem } from './config-error.js';
import { nodeConfigSchema, type NodeConfig } from './node-config.schema.js';

/** Prefix of environment overrides: `GOVDATA__POSTGRES__ADMIN_URL=…` sets `postgres.adminUrl`. */
export const ENV_PREFIX = 'GOVDATA__';

const SENSITIVE_KEYS = new Set(['postgres.servicePassword']);

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
}

/** Reads `node.yaml`, applies environment overrides and validates; throws ConfigError naming every bad key. */
export function loadNodeConfig(path: string, options: LoadOptions = {}): NodeConfig {
  const source = resolve(path);
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (error) {
    throw new ConfigError(source, [
      {
        key: '(file)',
        value: path,
        expected: `a readable YAML file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
      },
    ]);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ConfigError(source, [
      { key: '(file)', value: path, expected: `valid YAML: ${(error as Error).message}` },
    ]);
  }
  return parseNodeConfig(raw, source, options);
}

/** Validates an already-parsed document (YAML or JSON) plus environment overrides. */
export function parseNodeConfig(raw: unknown, source = 'node.yaml', options: LoadOptions = {}): NodeConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(source, [{ key: '(root)', value: render(raw, ''), expected: 'a YAML mapping' }]);
  }
  const merged = applyEnvOverrides(structuredClone(raw) as Record<string, unknown>, options.env ?? process.env);
  const result = nodeConfigSchema.safeParse(merged);
  if (result.success) return result.data;
  throw new ConfigError(
    source,
    result.error.issues.map((issue) => toProblem(issue, merged)),
  );
}

function applyEnvOverrides(doc: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || value === undefined) continue;
    const path = name.slice(ENV_PREFIX.length).split('__').map(toCamelCase);
    let cursor: Record<string, unknown> = doc;
    for (const segment of path.slice(0, -1)) {
      const next = cursor[segment];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) cursor[segment] = {};
      cursor = cursor[segment] as Record<string, unknown>;
    }
    // Typed as YAML ("8080" → 8080, "[a, b]" → a list), except where the key holds a string: a
    // password "123456" or a prefix "n1:" stays exactly what was written.
    cursor[path[path.length - 1] as string] = unwrap(schemaAt(path)) instanceof z.ZodString ? value : parseYaml(value);
  }
  return doc;
}

function toCamelCase(segment: string): string {
  return segment.toLowerCase().replace(/[_-]([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function toProblem(issue: z.core.$ZodIssue, doc: Record<string, unknown>): ConfigProblem {
  const key = issue.path.map(String).join('.') || '(root)';
  let value: unknown = doc;
  for (const segment of issue.path)
    value = (value as Record<PropertyKey, unknown> | undefined)?.[segment as PropertyKey];
  if (issue.code === 'unrecognized_keys') {
    return {
      key: issue.keys.map((k) => (key === '(root)' ? k : `${key}.${k}`)).join(', '),
      value: '<unknown key>',
      expected: 'no such key (check the spelling)',
    };
  }
  return { key, value: render(value, key), expected: expectation(issue, key) };
}

function expectation(issue: z.core.$ZodIssue, key: string): string {
  if (issue.code === 'custom') return issue.message;
  const described = describedAt(key);
  if (issue.code === 'invalid_type') return described ?? `a value of type ${issue.expected}`;
  if (issue.code === 'invalid_value') return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return described ?? issue.message;
}

function describedAt(key: string): string | undefined {
  const schema = schemaAt(key.split('.'));
  return unwrap(schema)?.description ?? schema?.description;
}

/** The schema of the key at `path`, or undefined when there is no such key. */
function schemaAt(path: readonly string[]): z.ZodType | undefined {
  let schema: z.ZodType | undefined = nodeConfigSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, z.ZodType>)[segment];
    else if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else return undefined;
  }
  return schema;
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodNullable || current instanceof z.ZodOptional) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

function render(value: unknown, key: string): string {
  if (value === undefined) return '<missing>';
  if (SENSITIVE_KEYS.has(key)) return '<hidden>';
  return JSON.stringify(value);
}
