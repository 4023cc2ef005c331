import { GovdataError, ErrorCode, type FieldProblem } from '@govdata/platform-errors';

const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** What a mount keeps about the API besides the document. */
export interface OpenApiSummary {
  version: string;
  title: string;
  servers: string[];
  operation: { method: string; path: string; operationId: string | null; summary: string | null };
}

/**
 * Checks that a document is OpenAPI 3.x with `info.title` and at least one path, and finds the
 * operation the mount is about. Everything wrong is reported at once, under `openapi.…` and
 * `operation` (422).
 */
export function checkOpenApi(
  document: Record<string, unknown>,
  wanted: { operationId?: string; method?: string; path?: string },
): OpenApiSummary {
  const problems: FieldProblem[] = [];
  const version = document['openapi'];
  if (typeof version !== 'string' || !/^3\.\d+(\.\d+)?(-[\w.]+)?$/.test(version)) {
    problems.push({
      path: 'openapi.openapi',
      rule: 'openapi-3',
      message:
        typeof document['swagger'] === 'string'
          ? `Swagger ${document['swagger']} is not accepted; convert the document to OpenAPI 3`
          : 'the document must declare "openapi": "3.x.y"',
    });
  }
  const info = asObject(document['info']);
  const title = info?.['title'];
  if (typeof title !== 'string' || title.trim() === '') {
    problems.push({ path: 'openapi.info.title', rule: 'required', message: 'an OpenAPI document has info.title' });
  }
  const paths = asObject(document['paths']);
  const operations = paths ? listOperations(paths) : [];
  if (operations.length === 0) {
    problems.push({
      path: 'openapi.paths',
      rule: 'has-operations',
      message: 'the document describes no operation under paths',
    });
  }
  const found = operations.length > 0 ? findOperation(operations, wanted) : undefined;
  if (operations.length > 0 && !found) {
    const sample = operations
      .slice(0, 20)
      .map((o) => `${o.method.toUpperCase()} ${o.path}${o.operationId ? ` (${o.operationId})` : ''}`)
      .join(', ');
    problems.push({
      path: wanted.operationId ? 'operation.operationId' : 'operation',
      rule: 'operation-exists',
      message: `the document has no such operation; it has: ${sample}${operations.length > 20 ? ', …' : ''}`,
    });
  }
  if (problems.length > 0 || !found) {
    throw new GovdataError(ErrorCode.RuleViolated, problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
  }
  const servers = (Array.isArray(document['servers']) ? document['servers'] : [])
    .map((s) => asObject(s)?.['url'])
    .filter((url): url is string => typeof url === 'string');
  return {
    version: version as string,
    title: (title as string).trim(),
    servers,
    operation: { ...found, method: found.method.toUpperCase() },
  };
}

interface Operation {
  method: string;
  path: string;
  operationId: string | null;
  summary: string | null;
}

function listOperations(paths: Record<string, unknown>): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    const methods = asObject(item);
    if (!methods) continue;
    for (const method of OPERATION_METHODS) {
      const operation = asObject(methods[method]);
      if (!operation) continue;
      operations.push({
        method,
        path,
        operationId: typeof operation['operationId'] === 'string' ? operation['operationId'] : null,
        summary: typeof operation['summary'] === 'string' ? operation['summary'] : null,
      });
    }
  }
  return operations;
}

function findOperation(
  operations: Operation[],
  wanted: { operationId?: string; method?: string; path?: string },
): Operation | undefined {
  if (wanted.operationId) return operations.find((o) => o.operationId === wanted.operationId);
  return operations.find((o) => o.method === wanted.method?.toLowerCase() && o.path === wanted.path);
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
