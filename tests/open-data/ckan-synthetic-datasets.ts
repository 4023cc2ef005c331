/**
 * Open datasets written straight into `open_dataset` (as the opening review leaves them), for the
 * CKAN action API's tests and benchmark: titles, descriptions and tags from a small vocabulary of
 * government data, spread over departments, 主题领域 and a year of changes.
 */
export const SUBJECTS = [
  ['人口基本信息', '人口'],
  ['企业登记信息', '企业登记'],
  ['社会保险参保信息', '社保'],
  ['不动产登记信息', '不动产'],
  ['住房公积金缴存信息', '公积金'],
  ['医疗保险结算信息', '医保'],
  ['营业执照信息', '营业执照'],
  ['机动车驾驶证信息', '驾驶证'],
  ['食品经营许可信息', '食品'],
  ['失信被执行人名单', '失信'],
  ['空气质量监测数据', '环境'],
  ['公交线路站点信息', '公交'],
] as const;
export const REGIONS = ['全省', '南昌市', '九江市', '赣州市', '吉安市', '上饶市', '宜春市', '抚州市'];
export const DOMAINS = ['economy', 'health', 'employment', 'transport', 'environment', 'housing', 'market', 'legal'];

export interface SyntheticOrganisation {
  id: string;
  name: string;
  code: string;
}

/**
 * Inserts `count` open datasets of `nodeCode` with one SQL statement per 10,000; dataset `i` is
 * named `<region><subject>（<i>）`, changed `i` minutes before `newest`.
 */
export async function insertSyntheticDatasets(
  sql: (text: string, params?: unknown[]) => Promise<unknown>,
  options: { count: number; nodeCode: string; organisations: SyntheticOrganisation[]; newest?: Date; first?: number },
): Promise<void> {
  const newest = options.newest ?? new Date();
  const first = options.first ?? 0;
  for (let from = first; from < first + options.count; from += 10_000) {
    const to = Math.min(first + options.count, from + 10_000) - 1;
    await sql(
      `INSERT INTO open_dataset (id, node_code, entry_id, entry_code, entry_version, entry_sequence, organisation_id,
         provider_name, provider_code, name, abstract, open_type, update_cycle, region_code, classification, tags,
         items, formats, domain, licence, status, submitted_at, opened_at, metadata_modified)
       SELECT gen_random_uuid(), $1, gen_random_uuid(), 'SYN-' || i, 1, i, (o.v ->> 'id')::uuid, o.v ->> 'name',
         o.v ->> 'code', r.v || (s.v ->> 0) || '（' || i || '）', r.v || (s.v ->> 0) || '，按月更新，供社会公众下载使用。',
         'unconditional', 'monthly', '360000', '101001', ARRAY[s.v ->> 1, r.v], '[]'::jsonb, ARRAY['数据库'],
         ($2::text[])[1 + i % cardinality($2::text[])], 'cc-by', 'open',
         $3::timestamptz - make_interval(mins => i + 60), $3::timestamptz - make_interval(mins => i + 30),
         $3::timestamptz - make_interval(mins => i)
       FROM generate_series($4::int, $5::int) AS i
       CROSS JOIN LATERAL (SELECT $6::jsonb -> (i % jsonb_array_length($6::jsonb)) AS v) AS o
       CROSS JOIN LATERAL (SELECT $7::jsonb -> (i % jsonb_array_length($7::jsonb)) AS v) AS s
       CROSS JOIN LATERAL (SELECT ($8::text[])[1 + (i / 7) % cardinality($8::text[])] AS v) AS r`,
      [
        options.nodeCode,
        DOMAINS,
        newest.toISOString(),
        from,
        to,
        JSON.stringify(options.organisations),
        JSON.stringify(SUBJECTS),
        REGIONS,
      ],
    );
  }
}
