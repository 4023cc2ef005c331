import { DEFAULT_MASK_RULES, maskText } from '@govdata/exchange-feature';
import { maskedExpression, OPEN_MASK_RULE_NAMES, OPEN_MASK_RULES } from '@govdata/open-data-feature';
import { TEST_PG_ADMIN_URL } from '@govdata/platform-testing';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Open data masks in SQL (so a download streams masked rows straight from COPY); the exchange masks
 * API responses in TypeScript. A person must see the same masked value either way: every rule, on
 * generated values (names with compound surnames and middle dots, ID numbers, phones, e-mail
 * addresses, rare characters beyond the BMP), gives what the exchange gives — computed by the real
 * PostgreSQL.
 */
describe('masking in SQL agrees with the exchange’s masking', () => {
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await client.connect();
    await client.query('CREATE TEMP TABLE masked_value (v text)');
  });

  afterAll(async () => {
    await client?.end();
  });

  const chars = fc.constantFrom(...'张王李欧阳司马诸葛买提·艾力 .@abcXYZ0123456789*-𠀀𪚥'.split(/(?:)/u));
  const values = fc.oneof(
    fc.string({ unit: chars, maxLength: 24 }),
    fc.stringMatching(/^[1-9]\d{16}[\dX]$/),
    fc.stringMatching(/^1[3-9]\d{9}$/),
    fc.emailAddress(),
    fc.constantFrom('', ' ', '欧阳娜娜', '买买提·艾力', '张三', '李', 'a@b', '@example.cn'),
  );

  it.each(OPEN_MASK_RULE_NAMES)('%s', async (rule) => {
    expect(DEFAULT_MASK_RULES[rule]).toMatchObject({ technique: OPEN_MASK_RULES[rule].technique });
    await fc.assert(
      fc.asyncProperty(fc.array(values, { minLength: 1, maxLength: 40 }), async (batch) => {
        await client.query('TRUNCATE masked_value');
        await client.query('INSERT INTO masked_value (v) SELECT unnest($1::text[])', [batch]);
        const result = await client.query<{ v: string; masked: string | null }>(
          `SELECT v, ${maskedExpression('v', rule)} AS masked FROM masked_value`,
        );
        for (const row of result.rows)
          expect([row.v, row.masked]).toEqual([row.v, maskText(row.v, DEFAULT_MASK_RULES[rule]!)]);
      }),
      { numRuns: 40 },
    );
    const nulls = await client.query<{ masked: string | null }>(
      `SELECT ${maskedExpression('v', rule)} AS masked FROM (SELECT NULL::text AS v) t`,
    );
    expect(nulls.rows[0]!.masked).toBeNull();
  });
});
