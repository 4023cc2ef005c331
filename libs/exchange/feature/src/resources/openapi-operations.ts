import type { FieldProblem } from '@govdata/platform-errors';

export const CALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type CallMethod = (typeof CALL_METHODS)[number];

/** An operation of the upstream API the resource exposes, as its OpenAPI document declares it. */
export interface ExposedOperation {
  method: CallMethod;
  /** OpenAPI path template (`/persons/{id}`), appended to the resource's base URL. */
  path: string;
  operationId: string | null;
  summary: string | null;
  /**
   * Where this operation's answers hold their records (`data.list`; '' = the body), when it differs
   * from the resource's `recordsAt`: a list and a lookup of one API seldom share an envelope.
   */
  recordsAt?: string;
}

/** What a registration asks to expose: an operationId, or a method and path of the document. */
export type OperationRef = ({ operationId: string } | { method: CallMethod; path: string }) & { recordsAt?: string };

/**
 * Checks that `document` is OpenAPI 3.x describing operations, and finds each wanted one. Every
 * problem is returned at once, under `openapi.…` and `operations.<i>` (the caller answers 422).
 */
export function resolveOperations(
  document: Record<string, unknown>,
  wanted: readonly OperationRef[],
): { operations: ExposedOperation[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const version = document['openapi'];
  if (typeof version !== 'string' || !/^3\.\d+(\.\d+)?(-[\w.]+)?$/.test(version)) {
    problems.push({
      path: 'openapi.openapi',
      rule: 'openapi-3',
      message:
        typeof document['swagger'] === 'string'
          ? `Swagger ${String(document['swagger'])} is not accepted; convert the document to OpenAPI 3`
          : 'the document must declare "openapi": "3.x.y"',
    });
  }
  const declared = listOperations(document['paths']);
  if (declared.length === 0) {
    problems.push({ path: 'openapi.paths', rule: 'has-operations', message: 'the document describes no operation' });
    return { operations: [], problems };
  }
  const operations: ExposedOperation[] = [];
  wanted.forEach((ref, i) => {
    const found =
      'operationId' in ref
        ? declared.find((o) => o.operationId === ref.operationId)
        : declared.find((o) => o.method === ref.method && o.path === ref.path);
    if (!found) {
      const what = 'operationId' in ref ? `operationId ${ref.operationId}` : `${ref.method} ${ref.path}`;
      const known = declared
        .slice(0, 20)
        .map((o) => `${o.method} ${o.path}`)
        .join(', ');
      problems.push({
        path: `operations.${i}`,
        rule: 'operation-exists',
        message: `the document has no ${what} it could call; it has: ${known}`,
      });
    } else if (operations.some((o) => o.method === found.method && o.path === found.path)) {
      problems.push({ path: `operations.${i}`, rule: 'unique', message: 'the operation is listed twice' });
    } else {
      operations.push(ref.recordsAt === undefined ? found : { ...found, recordsAt: ref.recordsAt });
    }
  });
  return { operations, problems };
}

function listOperations(paths: unknown): ExposedOperation[] {
  if (typeof paths !== 'object' || paths === null || Array.isArray(paths)) return [];
  const out: ExposedOperation[] = [];
  for (const [path, item] of Object.entries(paths as Record<string, unknown>)) {
    if (!path.startsWith('/') || typeof item !== 'object' || item === null) continue;
    for (const method of CALL_METHODS) {
      const operation = (item as Record<string, unknown>)[method.toLowerCase()];
      if (typeof operation !== 'object' || operation === null) continue;
      const { operationId, summary } = operation as { operationId?: unknown; summary?: unknown };
      out.push({
        method,
        path,
        operationId: typeof operationId === 'string' ? operationId : null,
        summary: typeof summary === 'string' ? summary : null,
      });
    }
  }
  return out;
}

/** Matches concrete call paths against the exposed operations' templates (`{param}` = one segment). */
export class OperationMatcher {
  private readonly patterns: Array<{ operation: ExposedOperation; pattern: RegExp; literal: number }>;

  constructor(operations: readonly ExposedOperation[]) {
    this.patterns = operations
      .map((operation) => ({
        operation,
        pattern: new RegExp(
          `^${operation.path
            .split(/(\{[^}/]+\})/)
            .map((part) => (/^\{[^}/]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
            .join('')}$`,
        ),
        // A literal segment wins over a parameter: /persons/search before /persons/{id}.
        literal: operation.path.replace(/\{[^}/]+\}/g, '').length,
      }))
      .sort((a, b) => b.literal - a.literal);
  }

  match(method: string, path: string): ExposedOperation | undefined {
    return this.patterns.find((p) => p.operation.method === method && p.pattern.test(path))?.operation;
  }

  /** `GET /persons/{id}, POST /persons` — for a refusal that says what can be called. */
  describe(): string {
    return this.patterns.map((p) => `${p.operation.method} ${p.operation.path}`).join(', ');
  }
}
