import type { CallMethod, OperationRef } from '@/api/types/exchange.js';

/**
 * 上传 OpenAPI 文档 — the upstream's document read in the browser (JSON, or YAML with the `yaml`
 * package, loaded only when a YAML file is chosen), and what the registration form offers from it:
 * its operations to expose, its server address, the fields its answers hold. Whether the document
 * is OpenAPI 3 and the operations exist is the API's to say (its 422 names the field).
 */

/** An operation as the document declares it. */
export interface DocumentOperation {
  /** `GET /persons/{id}`: how the form tells operations apart. */
  key: string;
  method: CallMethod;
  path: string;
  operationId: string | null;
  summary: string | null;
}

export interface UploadedDocument {
  fileName: string;
  document: Record<string, unknown>;
  title: string;
  version: string;
  operations: DocumentOperation[];
  /** http(s) addresses of its `servers`, offered as the base URL. */
  servers: string[];
}

/** Why a file could not be read: not JSON/YAML, or not an object at the top. */
export type UploadProblem = 'unreadable' | 'not-object';

export class OpenApiFileError extends Error {
  constructor(
    readonly problem: UploadProblem,
    detail: string,
  ) {
    super(detail);
  }
}

const METHODS: readonly CallMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads an uploaded file as JSON, or as YAML when it is named .yaml/.yml or is not JSON. */
export async function readOpenApiFile(file: Pick<File, 'name' | 'text'>): Promise<UploadedDocument> {
  const text = await file.text();
  const yamlNamed = /\.ya?ml$/i.test(file.name);
  let parsed: unknown;
  try {
    parsed = yamlNamed ? await parseYaml(text) : JSON.parse(text);
  } catch (jsonError) {
    if (yamlNamed) throw new OpenApiFileError('unreadable', (jsonError as Error).message);
    try {
      parsed = await parseYaml(text);
    } catch {
      throw new OpenApiFileError('unreadable', (jsonError as Error).message);
    }
  }
  if (!isObject(parsed)) throw new OpenApiFileError('not-object', 'the document is not an object');
  const info = isObject(parsed['info']) ? parsed['info'] : {};
  return {
    fileName: file.name,
    document: parsed,
    title: typeof info['title'] === 'string' ? info['title'] : '',
    version: typeof info['version'] === 'string' ? info['version'] : '',
    operations: listOperations(parsed),
    servers: (Array.isArray(parsed['servers']) ? parsed['servers'] : [])
      .map((s: unknown) => (isObject(s) && typeof s['url'] === 'string' ? s['url'] : ''))
      .filter((url) => /^https?:\/\//.test(url)),
  };
}

async function parseYaml(text: string): Promise<unknown> {
  const { parse } = await import('yaml');
  return parse(text);
}

/** The operations the document declares under `paths`, in its order, for the methods a call may use. */
export function listOperations(document: Record<string, unknown>): DocumentOperation[] {
  const paths = isObject(document['paths']) ? document['paths'] : {};
  const operations: DocumentOperation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith('/') || !isObject(item)) continue;
    for (const method of METHODS) {
      const operation = item[method.toLowerCase()];
      if (!isObject(operation)) continue;
      operations.push({
        key: `${method} ${path}`,
        method,
        path,
        operationId: typeof operation['operationId'] === 'string' ? operation['operationId'] : null,
        summary: typeof operation['summary'] === 'string' ? operation['summary'] : null,
      });
    }
  }
  return operations;
}

/** How the registration names an operation: its operationId when it has one, else method and path. */
export function operationRef(operation: DocumentOperation): OperationRef {
  return operation.operationId
    ? { operationId: operation.operationId }
    : { method: operation.method, path: operation.path };
}

/**
 * The fields the chosen operations' 2xx JSON answers describe, dotted when nested
 * (`data.list.xm` is offered as `xm` too, the name inside a record), for mapping to the entry's items.
 */
export function responseFields(document: Record<string, unknown>, operations: readonly DocumentOperation[]): string[] {
  const fields = new Set<string>();
  const paths = isObject(document['paths']) ? document['paths'] : {};
  for (const operation of operations) {
    const item = paths[operation.path];
    const declared = isObject(item) ? item[operation.method.toLowerCase()] : undefined;
    const responses = isObject(declared) && isObject(declared['responses']) ? declared['responses'] : {};
    for (const [status, response] of Object.entries(responses)) {
      if (!/^2/.test(status)) continue;
      const content = isObject(response) && isObject(response['content']) ? response['content'] : {};
      for (const [type, media] of Object.entries(content)) {
        if (!type.includes('json') || !isObject(media)) continue;
        collectFields(document, media['schema'], '', fields, 0);
      }
    }
  }
  return [...fields];
}

function resolve(document: Record<string, unknown>, schema: unknown): unknown {
  let current = schema;
  for (let hops = 0; hops < 20 && isObject(current) && typeof current['$ref'] === 'string'; hops++) {
    const ref = current['$ref'];
    if (!ref.startsWith('#/')) return undefined;
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, part) => (isObject(node) ? node[part] : undefined), document);
  }
  return current;
}

function collectFields(
  document: Record<string, unknown>,
  raw: unknown,
  prefix: string,
  fields: Set<string>,
  depth: number,
): void {
  const schema = resolve(document, raw);
  if (!isObject(schema) || depth > 8) return;
  if (isObject(schema['items'])) {
    // An array of records: its members' fields are the record fields, named without the array's path.
    collectFields(document, schema['items'], '', fields, depth + 1);
    return;
  }
  for (const combined of ['allOf', 'oneOf', 'anyOf']) {
    const parts = schema[combined];
    if (Array.isArray(parts)) for (const part of parts) collectFields(document, part, prefix, fields, depth + 1);
  }
  if (!isObject(schema['properties'])) return;
  for (const [name, property] of Object.entries(schema['properties'])) {
    const field = prefix ? `${prefix}.${name}` : name;
    const resolved = resolve(document, property);
    const nested = isObject(resolved) && (isObject(resolved['properties']) || isObject(resolved['items']));
    if (nested) collectFields(document, resolved, isObject(resolved['items']) ? '' : field, fields, depth + 1);
    else fields.add(field);
  }
}
