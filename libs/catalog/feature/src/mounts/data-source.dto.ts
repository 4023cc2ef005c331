import { z } from 'zod';
import { DATA_SOURCE_KINDS } from './data-source.js';

const text = (max: number) =>
  z.string().trim().min(1, '不能为空 (must not be empty)').max(max, `最多 ${max} 个字符 (at most ${max} characters)`);

export const registerDataSourceBody = z
  .object({
    /** Defaults to the caller's organisation. */
    organisationId: z.uuid().optional(),
    name: text(100),
    kind: z.enum(DATA_SOURCE_KINDS, {
      error: `取值须为 ${DATA_SOURCE_KINDS.join(', ')} 之一 (must be one of ${DATA_SOURCE_KINDS.join(', ')})`,
    }),
    host: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.\-:[\]]{1,253}$/, '主机名或 IP 地址 (a host name or IP address)'),
    port: z.number().int().min(1).max(65_535).default(5432),
    database: text(63),
    user: text(63),
    /** Stored encrypted, never returned. */
    password: z.string().min(1).max(1000).optional(),
    /** TLS with the server certificate verified. */
    ssl: z.boolean().default(false),
  })
  .strict();
export type RegisterDataSourceInput = z.infer<typeof registerDataSourceBody>;

export const listDataSourcesQuery = z.object({ organisationId: z.uuid().optional() }).strict();
