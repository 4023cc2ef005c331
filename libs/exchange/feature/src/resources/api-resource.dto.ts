import { z } from 'zod';
import { MASK_CATEGORIES } from '../policy/masking-rules.js';
import { upstreamSettingsSchema } from '../policy/upstream-caller.js';
import { CALL_METHODS } from './openapi-operations.js';

const text = (max: number) =>
  z.string().trim().min(1, '不能为空 (must not be empty)').max(max, `最多 ${max} 个字符 (at most ${max} characters)`);
const secret = z.string().min(1, '不能为空 (must not be empty)').max(4_096);
/** A header name (RFC 9110 token). */
const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/, 'HTTP 请求头名称 (an HTTP header name)');

/** How the exchange authenticates to the upstream; the secret is sealed at rest and never returned. */
export const upstreamCredentialsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z
    .object({
      kind: z.literal('api-key'),
      in: z.enum(['header', 'query']).default('header'),
      name: headerName,
      value: secret,
    })
    .strict(),
  z.object({ kind: z.literal('bearer'), token: secret }).strict(),
  z
    .object({
      kind: z.literal('basic'),
      username: z
        .string()
        .min(1)
        .max(200)
        .refine((u) => !u.includes(':'), 'basic-auth 用户名不能含冒号 (a basic-auth user name has no colon)'),
      password: secret,
    })
    .strict(),
]);
export type UpstreamCredentials = z.infer<typeof upstreamCredentialsSchema>;

const recordsAt = z
  .string()
  .regex(
    /^([^.\s]+(\.[^.\s]+)*)?$/,
    '以点分隔的对象键路径，或留空表示整个响应体 (a dotted path of object keys, or empty for the body)',
  )
  .max(300);

const operationRef = z.union([
  z.object({ operationId: text(200), recordsAt: recordsAt.optional() }).strict(),
  z
    .object({
      method: z.enum(CALL_METHODS, {
        error: `取值须为 ${CALL_METHODS.join(', ')} 之一 (one of ${CALL_METHODS.join(', ')})`,
      }),
      path: z
        .string()
        .regex(/^\/[^?#\s]*$/, '以 / 开头的 OpenAPI 路径（不含查询参数） (an OpenAPI path starting with / (no query))'),
      recordsAt: recordsAt.optional(),
    })
    .strict(),
]);

const responseItem = z
  .object({
    /** 信息项名称 of the entry. */
    item: text(200),
    /** The response field carrying it, dotted when nested; defaults to the item's name. */
    field: z
      .string()
      .regex(/^[^.\s]+(\.[^.\s]+)*$/, '字段名，嵌套字段以点分隔 (a field name, dotted when nested)')
      .max(300)
      .optional(),
    maskAs: z.enum([...MASK_CATEGORIES, 'none']).optional(),
  })
  .strict();

const baseUrl = z
  .url({ protocol: /^https?$/, error: 'http(s) 网址 (an http(s) URL)' })
  .refine(
    (u) => !u.includes('?') && !u.includes('#'),
    '不能包含查询参数或片段：调用路径会追加到其后 (no query or fragment: call paths are appended to it)',
  );

export const registerApiResourceBody = z
  .object({
    /** The catalog entry (of the caller's organisation) the API serves. */
    entryId: z.uuid(),
    /** Defaults to the entry's name. */
    name: text(200).optional(),
    baseUrl,
    /** The upstream's OpenAPI 3 document. */
    openapi: z.record(z.string(), z.unknown()),
    /** The operations consumers may call (others are refused). */
    operations: z.array(operationRef).min(1, '请至少提供一个操作 (expose at least one operation)').max(50),
    /** Field ↔ 信息项 mapping of the answers; fields named like their item need none. */
    responseItems: z.array(responseItem).max(500).default([]),
    /**
     * Where the records sit in an answer (`data.list`; '' = the body), for operations that do not say
     * (`operations[].recordsAt`); detected when neither does.
     */
    recordsAt: recordsAt.optional(),
    credentials: upstreamCredentialsSchema.default({ kind: 'none' }),
    upstream: upstreamSettingsSchema.omit({ baseUrl: true }).partial().strict().default({}),
  })
  .strict();
export type RegisterApiResourceInput = z.infer<typeof registerApiResourceBody>;

export const listApiResourcesQuery = z.object({ organisationId: z.uuid().optional() }).strict();
