import {
  findOpenApiOperation,
  listOpenApiOperations,
  openApiVersionProblem,
  type OpenApiOperation,
} from '@govdata/openapi-document';
import type { FieldProblem } from '@govdata/platform-errors';
import { ResourceRule } from './resource.exception.js';

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

/** The methods a call may use, as an OpenAPI document spells them, in the order they are listed. */
const EXPOSABLE_METHODS = CALL_METHODS.map((method) => method.toLowerCase() as Lowercase<CallMethod>);

/**
 * Checks that `document` is OpenAPI 3.x describing operations, and finds each wanted one. Every
 * problem is returned at once, under `openapi.…` and `operations.<i>` (the caller answers 422).
 */
export function resolveOperations(
  document: Record<string, unknown>,
  wanted: readonly OperationRef[],
): { operations: ExposedOperation[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const versionProblem = openApiVersionProblem(document);
  if (versionProblem) problems.push(versionProblem);
  const listed = listOpenApiOperations(document, EXPOSABLE_METHODS).filter((o) => o.path.startsWith('/'));
  const exposed = (o: OpenApiOperation): ExposedOperation => ({ ...o, method: o.method.toUpperCase() as CallMethod });
  const declared = listed.map(exposed);
  if (declared.length === 0) {
    problems.push({
      path: 'openapi.paths',
      rule: ResourceRule.HasOperations,
      message: '文档未描述任何操作 (the document describes no operation)',
    });
    return { operations: [], problems };
  }
  const operations: ExposedOperation[] = [];
  wanted.forEach((ref, i) => {
    const match = findOpenApiOperation(listed, ref);
    const found = match && exposed(match);
    if (!found) {
      const what = 'operationId' in ref ? `operationId ${ref.operationId}` : `${ref.method} ${ref.path}`;
      const known = declared
        .slice(0, 20)
        .map((o) => `${o.method} ${o.path}`)
        .join(', ');
      problems.push({
        path: `operations.${i}`,
        rule: ResourceRule.OperationExists,
        message: `文档中没有可调用的 ${what} (the document has no ${what} it could call; it has: ${known})`,
      });
    } else if (operations.some((o) => o.method === found.method && o.path === found.path)) {
      problems.push({
        path: `operations.${i}`,
        rule: ResourceRule.Unique,
        message: '该操作重复列出 (the operation is listed twice)',
      });
    } else {
      operations.push(ref.recordsAt === undefined ? found : { ...found, recordsAt: ref.recordsAt });
    }
  });
  return { operations, problems };
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
