import { ErrorCode, GovdataError, type FieldProblem } from '@govdata/platform-errors';
import {
  asObject,
  findOpenApiOperation,
  listOpenApiOperations,
  openApiVersionProblem,
  type OpenApiOperationRef,
} from './openapi-document.js';
import { OpenApiDocumentRule } from './openapi-document.exception.js';

/** What is kept about an API besides its document: version, title, servers and the operation meant. */
export interface OpenApiSummary {
  version: string;
  title: string;
  servers: string[];
  operation: { method: string; path: string; operationId: string | null; summary: string | null };
}

/**
 * Checks that a document is OpenAPI 3.x with `info.title` and at least one path, and finds the
 * operation it is about. Everything wrong is reported at once, under `openapi.…` and `operation`
 * (422).
 */
export function checkOpenApi(document: Record<string, unknown>, wanted: OpenApiOperationRef): OpenApiSummary {
  const problems: FieldProblem[] = [];
  const versionProblem = openApiVersionProblem(document);
  if (versionProblem) problems.push(versionProblem);
  const title = asObject(document['info'])?.['title'];
  if (typeof title !== 'string' || title.trim() === '') {
    problems.push({
      path: 'openapi.info.title',
      rule: OpenApiDocumentRule.Required,
      message: 'OpenAPI 文档须包含 info.title (an OpenAPI document has info.title)',
    });
  }
  const operations = listOpenApiOperations(document);
  if (operations.length === 0) {
    problems.push({
      path: 'openapi.paths',
      rule: OpenApiDocumentRule.HasOperations,
      message: '文档在 paths 下未描述任何操作 (the document describes no operation under paths)',
    });
  }
  const found = operations.length > 0 ? findOpenApiOperation(operations, wanted) : undefined;
  if (operations.length > 0 && !found) {
    const sample = operations
      .slice(0, 20)
      .map((o) => `${o.method.toUpperCase()} ${o.path}${o.operationId ? ` (${o.operationId})` : ''}`)
      .join(', ');
    problems.push({
      path: wanted.operationId ? 'operation.operationId' : 'operation',
      rule: OpenApiDocumentRule.OperationExists,
      message: `文档中没有该操作 (the document has no such operation; it has: ${sample}${operations.length > 20 ? ', …' : ''})`,
    });
  }
  if (problems.length > 0 || !found) {
    throw new GovdataError(ErrorCode.RuleViolated, problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
  }
  const servers = (Array.isArray(document['servers']) ? document['servers'] : [])
    .map((s) => asObject(s)?.['url'])
    .filter((url): url is string => typeof url === 'string');
  return {
    version: document['openapi'] as string,
    title: (title as string).trim(),
    servers,
    operation: { ...found, method: found.method.toUpperCase() },
  };
}
