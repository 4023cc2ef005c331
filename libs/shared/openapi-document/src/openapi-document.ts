import type { FieldProblem } from '@govdata/platform-errors';
import { OpenApiDocumentRule } from './openapi-document.exception.js';

/** The operation methods of an OpenAPI path item, in the order the specification lists them. */
export const OPENAPI_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type OpenApiMethod = (typeof OPENAPI_METHODS)[number];

/** An operation an OpenAPI document declares. */
export interface OpenApiOperation {
  /** Lower case, as the document spells it. */
  method: OpenApiMethod;
  /** The path template (`/persons/{id}`). */
  path: string;
  operationId: string | null;
  summary: string | null;
}

/** Which operation is wanted: by operationId, or by method (any case) and path. */
export interface OpenApiOperationRef {
  operationId?: string;
  method?: string;
  path?: string;
}

/** The problem (`openapi.openapi`, openapi-3) of a document that does not declare OpenAPI 3.x; null when it does. */
export function openApiVersionProblem(document: Record<string, unknown>): FieldProblem | null {
  const version = document['openapi'];
  if (typeof version === 'string' && /^3\.\d+(\.\d+)?(-[\w.]+)?$/.test(version)) return null;
  return {
    path: 'openapi.openapi',
    rule: OpenApiDocumentRule.OpenApi3,
    message:
      typeof document['swagger'] === 'string'
        ? `不接受 Swagger ${document['swagger']} 文档，请将其转换为 OpenAPI 3 (Swagger ${document['swagger']} is not accepted; convert the document to OpenAPI 3)`
        : '文档须声明 "openapi": "3.x.y" (the document must declare "openapi": "3.x.y")',
  };
}

/** The operations under the document's `paths`, path by path, of the given methods in their order. */
export function listOpenApiOperations(
  document: Record<string, unknown>,
  methods: readonly OpenApiMethod[] = OPENAPI_METHODS,
): OpenApiOperation[] {
  const paths = asObject(document['paths']);
  const operations: OpenApiOperation[] = [];
  for (const [path, item] of Object.entries(paths ?? {})) {
    const pathItem = asObject(item);
    if (!pathItem) continue;
    for (const method of methods) {
      const operation = asObject(pathItem[method]);
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

/** The wanted operation: by operationId when one is given, else by method and path. */
export function findOpenApiOperation<T extends Pick<OpenApiOperation, 'method' | 'path' | 'operationId'>>(
  operations: readonly T[],
  wanted: OpenApiOperationRef,
): T | undefined {
  if (wanted.operationId) return operations.find((o) => o.operationId === wanted.operationId);
  return operations.find((o) => o.method === wanted.method?.toLowerCase() && o.path === wanted.path);
}

export function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
