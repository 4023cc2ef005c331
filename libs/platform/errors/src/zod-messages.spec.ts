import { z } from 'zod';
import { GovdataError } from './govdata-error.js';
import { chineseZodMessage } from './zod-messages.js';

/** The field problems a request body would get back, with zod's messages made Chinese for this parse. */
function problems(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input, { error: chineseZodMessage });
  if (result.success) throw new Error('expected a refusal');
  return GovdataError.fromZod(result.error).fields.map(({ path, rule, message }) => ({ path, rule, message }));
}

describe("zod's own messages in Chinese", () => {
  it('names what a field lacks: required, type, length, range, format, choice', () => {
    const schema = z.object({
      name: z.string().min(2).max(10),
      code: z.string().length(6),
      level: z.number().int().min(1).max(5),
      site: z.url(),
      id: z.uuid(),
      on: z.iso.date(),
      kind: z.enum(['table', 'api']),
      tags: z.array(z.string()).max(1),
      ok: z.boolean(),
    });
    expect(
      problems(schema, {
        code: '3601',
        level: 9,
        site: 'x',
        id: 'y',
        on: '2026/1/1',
        kind: 'ftp',
        tags: ['a', 'b'],
        ok: 'yes',
      }),
    ).toEqual([
      { path: 'name', rule: 'invalid_type', message: '必填' },
      { path: 'code', rule: 'too_small', message: '应为 6 个字符' },
      { path: 'level', rule: 'too_big', message: '不能大于 5' },
      { path: 'site', rule: 'invalid_format', message: '应为网址' },
      { path: 'id', rule: 'invalid_format', message: '应为 UUID' },
      { path: 'on', rule: 'invalid_format', message: '应为日期（YYYY-MM-DD）' },
      { path: 'kind', rule: 'invalid_value', message: '应为以下之一：“table”、“api”' },
      { path: 'tags', rule: 'too_big', message: '最多 1 项' },
      { path: 'ok', rule: 'invalid_type', message: '应为 true 或 false' },
    ]);
  });

  it('names unknown fields, and leaves a schema’s own message as the service wrote it', () => {
    const schema = z.strictObject({ name: z.string().min(3, '名称至少三个字 (at least 3 characters)') });
    expect(problems(schema, { name: 'a', extra: 1 })).toEqual([
      { path: 'name', rule: 'too_small', message: '名称至少三个字 (at least 3 characters)' },
      { path: '(body)', rule: 'unrecognized_keys', message: '不认识的字段：extra' },
    ]);
  });
});
