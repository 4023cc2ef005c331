import { z } from 'zod';
import { MountInputRule } from './mount.exception.js';

const text = (max: number) =>
  z.string().trim().min(1, '不能为空 (must not be empty)').max(max, `最多 ${max} 个字符 (at most ${max} characters)`);

/** Largest uploaded file or OpenAPI document kept in the database (2 MiB). */
export const MAX_STORED_CONTENT_BYTES = 2 * 1024 * 1024;
const MAX_BASE64_CHARS = Math.ceil(MAX_STORED_CONTENT_BYTES / 3) * 4;

/** PostgreSQL identifiers as they are stored (unquoted names are lower case). */
const identifier = z.string().trim().min(1).max(63);
const httpUrl = z.url({ protocol: /^https?$/, error: 'http(s) 网址 (an http(s) URL)' }).max(2000);
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
const httpMethod = z.preprocess(
  (v) => (typeof v === 'string' ? v.toUpperCase() : v),
  z.enum(HTTP_METHODS, { error: `取值须为 ${HTTP_METHODS.join(' ')} 之一 (one of ${HTTP_METHODS.join(' ')})` }),
);

/** 库表挂接 — a table of a registered data source, its columns mapped to the entry's items. */
export const tableMountBody = z
  .object({
    kind: z.literal('table'),
    name: text(200),
    dataSourceId: z.uuid(),
    schema: identifier.default('public'),
    table: identifier,
    columnMapping: z
      .array(z.object({ column: identifier, item: text(100) }).strict())
      .min(1, '请至少将一个字段映射到信息项 (map at least one column to an item)')
      .max(1000),
  })
  .strict();

/** 接口挂接 — an API described by an OpenAPI 3 document (naming the operation) or by its endpoint. */
export const apiMountBody = z
  .object({
    kind: z.literal('api'),
    name: text(200),
    /** The OpenAPI 3.x document, as JSON. */
    openapi: z.record(z.string(), z.unknown()).optional(),
    /** The operation of the document this mount is about: its operationId, or method and path. */
    operation: z
      .object({
        operationId: z.string().trim().min(1).max(200).optional(),
        method: httpMethod.optional(),
        path: z.string().trim().min(1).max(2000).optional(),
      })
      .strict()
      .optional(),
    endpoint: z.object({ url: httpUrl, method: httpMethod }).strict().optional(),
    /** Stored encrypted, never returned. */
    apiKey: z
      .object({ in: z.enum(['header', 'query']), name: text(100), value: z.string().min(1).max(4000) })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (!body.openapi && !body.endpoint) {
      ctx.addIssue({
        code: 'custom',
        path: ['openapi'],
        message: '请提供 OpenAPI 文档或接口地址 (give an OpenAPI document or an endpoint)',
        params: { rule: MountInputRule.DocumentOrEndpoint },
      });
    }
    if (body.openapi && !body.operation) {
      ctx.addIssue({
        code: 'custom',
        path: ['operation'],
        message:
          '请指明所用文档中的操作：operationId，或 method 与 path (name the operation of the document used: operationId, or method and path)',
      });
    }
    if (body.operation && !body.operation.operationId && !(body.operation.method && body.operation.path)) {
      ctx.addIssue({
        code: 'custom',
        path: ['operation'],
        message: '请提供 operationId，或 method 与 path (give operationId, or method and path)',
      });
    }
    if (body.operation && !body.openapi) {
      ctx.addIssue({
        code: 'custom',
        path: ['operation'],
        message: '操作须在 OpenAPI 文档（openapi）中指明 (an operation is named within an OpenAPI document (openapi))',
      });
    }
  });

/** 文件挂接 — a file: either a reference (URL with size and SHA-256) or its content, uploaded here. */
export const fileMountBody = z
  .object({
    kind: z.literal('file'),
    name: text(200),
    mediaType: z
      .string()
      .trim()
      .regex(
        /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i,
        '媒体类型，如 text/csv (a media type such as text/csv)',
      ),
    url: httpUrl.optional(),
    size: z.number().int().min(0).optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, '64 位十六进制数字 (64 hexadecimal digits)')
      .transform((s) => s.toLowerCase())
      .optional(),
    /** The file itself, base64; at most 2 MiB decoded. */
    contentBase64: z
      .base64('base64 编码内容 (base64 content)')
      .max(MAX_BASE64_CHARS, '内容最多 2 MiB (at most 2 MiB of content)')
      .optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.url === undefined) === (body.contentBase64 === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'url 与 contentBase64 须且只能提供其一 (give either url or contentBase64, not both or neither)',
      });
    }
    if (body.url !== undefined) {
      if (body.size === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['size'],
          message: '引用的文件须注明大小 (a referenced file states its size)',
        });
      if (body.sha256 === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['sha256'],
          message: '引用的文件须注明 SHA-256 (a referenced file states its SHA-256)',
        });
    }
  });

export const mountBody = z.discriminatedUnion('kind', [tableMountBody, apiMountBody, fileMountBody], {
  error: 'kind 须为 table、api、file 之一 (kind must be one of table, api, file)',
});
export type MountInput = z.infer<typeof mountBody>;
export type TableMountInput = z.infer<typeof tableMountBody>;
export type ApiMountInput = z.infer<typeof apiMountBody>;
export type FileMountInput = z.infer<typeof fileMountBody>;
