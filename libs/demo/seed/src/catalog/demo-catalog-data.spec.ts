import { readFileSync } from 'node:fs';
import { checkUscc } from '@govdata/codes';
import {
  checkMappedItems,
  entryContentSchema,
  entryItemKeys,
  judgeSharedItems,
  NAME_SIMILARITY_THRESHOLD,
  normaliseItemName,
  registerSystemBody,
  sharedItems,
  type EntryContent,
} from '@govdata/catalog-feature';
import {
  DEMO_DEPARTMENT_KINDS,
  DEMO_ENTRY_TEMPLATES,
  DEMO_REGION_PLACEHOLDER,
  DEMO_SAMPLE_TABLES,
  DEMO_SYSTEMS,
  demoEnterprises,
  demoEntryContent,
  demoTemplatesFor,
  demoTemplatesOf,
  departmentKindOf,
  type DemoDepartmentKind,
  type DemoEntryTemplate,
} from './demo-catalog-data.js';
import { demoPeople, isValidResidentId } from './demo-people.js';

/** The demo nodes and their organisations (deploy/demo/node-*.yaml, the gateway's demo identity seed). */
const DEMO_NODES: Record<string, { region: string; organisations: string[] }> = {
  '100000': {
    region: '100000',
    organisations: ['国家数据局', '公安部', '国家市场监督管理总局', '国家医疗保障局', '自然资源部'],
  },
  '360000': {
    region: '360000',
    organisations: [
      '江西省政务服务管理办公室',
      '江西省公安厅',
      '江西省市场监督管理局',
      '江西省人力资源和社会保障厅',
      '江西省医疗保障局',
      '江西省自然资源厅',
    ],
  },
  '360100': {
    region: '360100',
    organisations: [
      '南昌市数据局',
      '南昌市公安局',
      '南昌市市场监督管理局',
      '南昌市人力资源和社会保障局',
      '南昌市自然资源和规划局',
      '南昌住房公积金管理中心',
    ],
  },
  '11100000000013338W': {
    region: '100000',
    organisations: ['人力资源和社会保障部', '人力资源和社会保障部信息中心', '人力资源和社会保障部社会保险事业管理中心'],
  },
};

/** A migration of the catalog, read as text (the catalog seeds its code tables there). */
const migration = (file: string) =>
  readFileSync(new URL(`../../../../catalog/feature/src/migrations/${file}`, import.meta.url), 'utf8');

/** Classification codes the catalog seeds (read from the migration, so the two cannot drift apart). */
const SEED_CODES = new Set(
  [...migration('1763900000000-create-catalog-entries.ts').matchAll(/\('(\d{1,6})', (?:'\d+'|NULL), \d, '/g)].map(
    (m) => m[1]!,
  ),
);

/** The node's default grade policy, as the migration seeds it. */
const GRADE_POLICY = new Map(
  [
    ...migration('1763900500000-create-grade-policy.ts').matchAll(
      /\('(core|important|general-\d)',\s*ARRAY\[([^\]]*)\],\s*ARRAY\[([^\]]*)\]\)/g,
    ),
  ].map((m) => [m[1]!, { sharing: m[2]!.match(/[a-z]+/g)!, open: m[3]!.match(/[a-z]+/g)! }]),
);

const parse = (template: DemoEntryTemplate, region = '360100') =>
  entryContentSchema.safeParse(demoEntryContent(template, region));

const content = (template: DemoEntryTemplate): EntryContent =>
  entryContentSchema.parse(demoEntryContent(template, '360100'));

const label = (t: DemoEntryTemplate) => `${t.department}: ${t.content.name}`;

describe('demo catalog templates', () => {
  it('reads the seed tables it checks against', () => {
    expect(SEED_CODES.size).toBeGreaterThan(30);
    expect([...SEED_CODES]).toEqual(expect.arrayContaining(['101', '101001', '102002', '103001', '203001', '203002']));
    expect([...GRADE_POLICY.keys()].sort()).toEqual([
      'core',
      'general-1',
      'general-2',
      'general-3',
      'general-4',
      'important',
    ]);
  });

  it('every template is valid entry content once the node region replaces the placeholder', () => {
    for (const template of DEMO_ENTRY_TEMPLATES) {
      expect(template.content.regionCode, label(template)).toBe(DEMO_REGION_PLACEHOLDER);
      expect(entryContentSchema.safeParse(template.content).success, label(template)).toBe(false);
      for (const region of ['100000', '360000', '360100']) {
        const result = parse(template, region);
        expect(result.error?.issues ?? [], label(template)).toEqual([]);
      }
    }
  });

  it('uses classification codes the catalog seeds', () => {
    for (const template of DEMO_ENTRY_TEMPLATES) {
      expect(SEED_CODES.has(template.content.classificationCode), label(template)).toBe(true);
    }
  });

  it('passes the default grade policy', () => {
    for (const template of DEMO_ENTRY_TEMPLATES) {
      const { grade, sharing, open } = content(template);
      const policy = GRADE_POLICY.get(grade.category === 'general' ? `general-${grade.level}` : grade.category)!;
      expect(policy.sharing, label(template)).toContain(sharing.type);
      expect(policy.open, label(template)).toContain(open.type);
    }
  });

  it('names systems of its own department, and each department registers 2–3 valid systems', () => {
    for (const kind of DEMO_DEPARTMENT_KINDS) {
      const systems = DEMO_SYSTEMS[kind];
      expect(systems.length, kind).toBeGreaterThanOrEqual(2);
      expect(systems.length, kind).toBeLessThanOrEqual(3);
      for (const system of systems) {
        const body = registerSystemBody.safeParse({
          ...system,
          constructionLevel: 'municipal',
          constructionDepartment: '南昌市数据局',
          contact: { name: '系统管理员', phone: '0791-86000000' },
        });
        expect(body.error?.issues ?? [], system.name).toEqual([]);
      }
      expect(new Set(systems.map((s) => s.name)).size).toBe(systems.length);
    }
    for (const template of DEMO_ENTRY_TEMPLATES) {
      if (template.system === undefined) continue;
      expect(
        DEMO_SYSTEMS[template.department].map((s) => s.name),
        label(template),
      ).toContain(template.system);
    }
    const withSystem = DEMO_ENTRY_TEMPLATES.filter((t) => t.system).length;
    expect(withSystem / DEMO_ENTRY_TEMPLATES.length).toBeGreaterThan(0.75);
  });

  it('lists 4–15 items per entry, with data elements on some', () => {
    for (const template of DEMO_ENTRY_TEMPLATES) {
      expect(template.content.items.length, label(template)).toBeGreaterThanOrEqual(4);
      expect(template.content.items.length, label(template)).toBeLessThanOrEqual(15);
    }
    const types = new Set(DEMO_ENTRY_TEMPLATES.flatMap((t) => t.content.items.map((i) => i.dataType)));
    expect([...types].sort()).toEqual(['C', 'D', 'F', 'I', 'L', 'M', 'N', 'T', 'Y']);
    const withElements = DEMO_ENTRY_TEMPLATES.filter((t) => t.content.items.some((i) => i.dataElement));
    expect(withElements.length).toBeGreaterThan(40);
  });

  it('has at least 16 resources per department (6 for the data authority), each name once', () => {
    for (const kind of DEMO_DEPARTMENT_KINDS) {
      const templates = demoTemplatesOf(kind);
      expect(templates.length, kind).toBeGreaterThanOrEqual(kind === 'data-authority' ? 6 : 16);
      expect(new Set(templates.map((t) => t.content.name)).size, kind).toBe(templates.length);
    }
  });

  it('mixes formats, update cycles, sharing and open types, and leaves about one in ten unpublished', () => {
    const all = DEMO_ENTRY_TEMPLATES.map(content);
    expect(new Set(all.map((c) => c.format.category))).toEqual(
      new Set(['database', 'api', 'spreadsheet', 'electronic-file']),
    );
    expect(new Set(all.map((c) => c.updateCycle)).size).toBe(7);
    expect(new Set(all.map((c) => c.sharing.type)).size).toBe(3);
    expect(new Set(all.map((c) => c.open.type)).size).toBe(3);
    expect(new Set(all.map((c) => (c.grade.category === 'general' ? c.grade.level : c.grade.category))).size).toBe(6);
    expect(all.every((c) => c.tags.length > 0)).toBe(true);
    const unpublished = DEMO_ENTRY_TEMPLATES.filter((t) => (t.state ?? 'published') !== 'published');
    expect(unpublished.length / DEMO_ENTRY_TEMPLATES.length).toBeGreaterThan(0.05);
    expect(unpublished.length / DEMO_ENTRY_TEMPLATES.length).toBeLessThan(0.2);
    expect(new Set(unpublished.map((t) => t.state))).toEqual(new Set(['draft', 'submitted', 'returned']));
  });

  it('includes the resources the issue names, each with a mounted sample table', () => {
    const named: Array<[DemoDepartmentKind, string, string]> = [
      ['public-security', '人口基本信息', '101001'],
      ['market-regulation', '企业登记信息', '102002'],
      ['natural-resources', '不动产登记信息', '103001'],
      ['human-resources', '社会保险参保信息', '203001'],
      ['medical-insurance', '医保结算信息', '202001'],
      ['housing-fund', '住房公积金缴存信息', '203002'],
    ];
    for (const [kind, name, code] of named) {
      const template = demoTemplatesOf(kind).find((t) => t.content.name === name);
      expect(template, name).toBeDefined();
      expect(template!.content.classificationCode).toBe(code);
      expect(template!.sampleTable, name).toBeDefined();
      expect(template!.state ?? 'published').toBe('published');
    }
  });
});

describe('demo organisations and totals', () => {
  it('tells the kind of every demo organisation, in either script', () => {
    const kinds = Object.fromEntries(
      Object.values(DEMO_NODES).flatMap((n) => n.organisations.map((o) => [o, departmentKindOf(o)])),
    );
    expect(kinds).toEqual({
      国家数据局: 'data-authority',
      公安部: 'public-security',
      国家市场监督管理总局: 'market-regulation',
      国家医疗保障局: 'medical-insurance',
      自然资源部: 'natural-resources',
      江西省政务服务管理办公室: 'data-authority',
      江西省公安厅: 'public-security',
      江西省市场监督管理局: 'market-regulation',
      江西省人力资源和社会保障厅: 'human-resources',
      江西省医疗保障局: 'medical-insurance',
      江西省自然资源厅: 'natural-resources',
      南昌市数据局: 'data-authority',
      南昌市公安局: 'public-security',
      南昌市市场监督管理局: 'market-regulation',
      南昌市人力资源和社会保障局: 'human-resources',
      南昌市自然资源和规划局: 'natural-resources',
      南昌住房公积金管理中心: 'housing-fund',
      人力资源和社会保障部: 'human-resources',
      人力资源和社会保障部信息中心: 'human-resources',
      人力资源和社会保障部社会保险事业管理中心: 'human-resources',
    });
    expect(departmentKindOf('南昌市医疗保障局')).toBe('medical-insurance');
    expect(departmentKindOf('九江市人力资源和社会保障局')).toBe('human-resources');
    expect(departmentKindOf('南昌市教育局')).toBeUndefined();
  });

  it('gives well over 220 entries across the demo nodes', () => {
    let perOrganisation = 0;
    let split = 0;
    for (const node of Object.values(DEMO_NODES)) {
      for (const organisation of node.organisations) {
        perOrganisation += demoTemplatesOf(departmentKindOf(organisation)!).length;
        split += demoTemplatesFor(organisation, node.organisations).length;
      }
    }
    expect(perOrganisation).toBeGreaterThanOrEqual(220);
    expect(split).toBeGreaterThanOrEqual(220);
  });

  it('registers each template once per node where several organisations share a kind', () => {
    const ministry = DEMO_NODES['11100000000013338W']!.organisations;
    const shares = ministry.map((o) => demoTemplatesFor(o, ministry));
    expect(shares.every((s) => s.length >= 3)).toBe(true);
    const names = shares.flat().map((t) => t.content.name);
    expect(names.sort()).toEqual(
      demoTemplatesOf('human-resources')
        .map((t) => t.content.name)
        .sort(),
    );
    expect(shares[2]!.map((t) => t.content.name)).toContain('社会保险参保信息');
    expect(shares[1]!.map((t) => t.content.name)).toContain('社会保障卡持卡信息');
    // Alone of its kind, an organisation registers everything of the kind.
    const nanchang = DEMO_NODES['360100']!.organisations;
    expect(demoTemplatesFor('南昌市人力资源和社会保障局', nanchang)).toEqual(demoTemplatesOf('human-resources'));
    expect(demoTemplatesFor('南昌市教育局', nanchang)).toEqual([]);
  });
});

/** pg_trgm `similarity()`: padded trigrams of each word, |A∩B| / |A∪B|. */
function trigramSimilarity(a: string, b: string): number {
  const trigrams = (text: string) => {
    const set = new Set<string>();
    for (const word of text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)) {
      const padded = [...`  ${word} `];
      for (let i = 0; i + 3 <= padded.length; i++) set.add(padded.slice(i, i + 3).join(''));
    }
    return set;
  };
  const x = trigrams(a);
  const y = trigrams(b);
  const shared = [...x].filter((t) => y.has(t)).length;
  return shared / (x.size + y.size - shared);
}

describe('一数一源 in the demo data', () => {
  it('computes similarity as pg_trgm does (the figures measured in the database)', () => {
    expect(trigramSimilarity('人口基本信息', '人口基本信息表')).toBeCloseTo(0.667, 3);
    expect(trigramSimilarity('人口基本信息', '企业登记信息')).toBeCloseTo(0.077, 3);
  });

  it('flags exactly the deliberate duplicates between the providers of each node', () => {
    const flagged = new Set<string>();
    for (const [node, { organisations }] of Object.entries(DEMO_NODES)) {
      // Only what gets submitted is compared: the hook runs on submission.
      const registered = organisations.flatMap((o) =>
        demoTemplatesFor(o, organisations)
          .filter((t) => (t.state ?? 'published') !== 'draft')
          .map((t) => ({ organisation: o, template: t, content: content(t) })),
      );
      for (const a of registered) {
        for (const b of registered) {
          if (a.organisation === b.organisation) continue;
          const shared = sharedItems(a.content.items, entryItemKeys(b.content.items));
          const sameItems = judgeSharedItems(a.content.items.length, shared).same;
          const similarName =
            a.content.classificationCode === b.content.classificationCode &&
            trigramSimilarity(a.content.name, b.content.name) >= NAME_SIMILARITY_THRESHOLD;
          if (sameItems || similarName) flagged.add(`${node} ${a.content.name} → ${b.content.name}`);
        }
      }
    }
    expect([...flagged].sort()).toEqual(
      [
        // The data authority's base libraries copy the registers of record.
        '100000 人口基本信息（人口综合库） → 人口基本信息',
        '100000 人口基本信息 → 人口基本信息（人口综合库）',
        '100000 企业基本信息（法人综合库） → 企业登记信息',
        '360000 人口基本信息（人口综合库） → 人口基本信息',
        '360000 人口基本信息 → 人口基本信息（人口综合库）',
        '360000 企业基本信息（法人综合库） → 企业登记信息',
        '360100 人口基本信息（人口综合库） → 人口基本信息',
        '360100 人口基本信息 → 人口基本信息（人口综合库）',
        '360100 企业基本信息（法人综合库） → 企业登记信息',
        // Human resources keeps its own copy of the people it insures.
        '360000 参保人员基本信息 → 人口基本信息',
        '360000 参保人员基本信息 → 人口基本信息（人口综合库）',
        '360100 参保人员基本信息 → 人口基本信息',
        '360100 参保人员基本信息 → 人口基本信息（人口综合库）',
        '360000 人口基本信息（人口综合库） → 参保人员基本信息',
        '360100 人口基本信息（人口综合库） → 参保人员基本信息',
        // Medical insurance registers enrolment as human resources does.
        '360000 基本医疗保险参保信息 → 社会保险参保信息',
      ].sort(),
    );
  });
});

describe('demo sample tables', () => {
  const mounted = DEMO_ENTRY_TEMPLATES.filter((t) => t.sampleTable);

  it('has the six named tables, each mounted to exactly one template', () => {
    expect(Object.values(DEMO_SAMPLE_TABLES).map((t) => t.table)).toEqual([
      'demo_population',
      'demo_enterprise',
      'demo_real_estate',
      'demo_social_insurance',
      'demo_medical_settlement',
      'demo_housing_fund',
    ]);
    expect(mounted.map((t) => t.sampleTable).sort()).toEqual(Object.keys(DEMO_SAMPLE_TABLES).sort());
  });

  it('maps every column to an item of its template, as the mount check requires', () => {
    for (const template of mounted) {
      const table = DEMO_SAMPLE_TABLES[template.sampleTable!]!;
      const { problems } = checkMappedItems(
        table.columns,
        template.content.items.map((i) => i.name),
      );
      expect(problems, table.table).toEqual([]);
      expect(table.columns.length, table.table).toBeGreaterThanOrEqual(6);
      for (const column of table.columns) expect(column.column).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  /** Whether a value fits a column of the SQL type (what INSERT would refuse). */
  function fits(value: unknown, sqlType: string): boolean {
    if (value === null) return true;
    const [, base, args] = /^([a-z ]+)(?:\((\d+(?:,\d+)?)\))?$/.exec(sqlType) ?? [];
    const [p, s] = (args ?? '').split(',').map(Number);
    switch (base) {
      case 'varchar':
        return typeof value === 'string' && [...value].length <= p!;
      case 'char':
        return typeof value === 'string' && [...value].length === p!;
      case 'text':
        return typeof value === 'string';
      case 'date':
        return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
      case 'timestamp':
        return typeof value === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value);
      case 'integer':
        return Number.isInteger(value);
      case 'numeric':
        return (
          typeof value === 'number' &&
          Math.abs(value) < 10 ** (p! - s!) &&
          Math.abs(Math.round(value * 10 ** s!) - value * 10 ** s!) < 1e-6
        );
      default:
        return false;
    }
  }

  it.each(Object.entries(DEMO_SAMPLE_TABLES))('%s rows fit their columns, for every demo region', (_, table) => {
    for (const region of ['100000', '360000', '360100']) {
      const rows = table.rows(region, 200);
      expect(rows).toHaveLength(200);
      for (const row of rows) {
        expect(row).toHaveLength(table.columns.length);
        row.forEach((value, i) => {
          const column = table.columns[i]!;
          expect(value, `${table.table}.${column.column}`).not.toBeUndefined();
          expect(fits(value, column.sqlType), `${table.table}.${column.column} = ${String(value)}`).toBe(true);
        });
      }
    }
  });

  it('is deterministic and refers to the demo people and enterprises', () => {
    const people = demoPeople('360100', 200);
    const ids = new Set(people.map((p) => p.residentId));
    const enterprises = demoEnterprises('360100', 200);
    const usccs = new Set(enterprises.map((e) => e.uscc));
    for (const [key, table] of Object.entries(DEMO_SAMPLE_TABLES)) {
      const rows = table.rows('360100', 200);
      expect(table.rows('360100', 200), key).toEqual(rows);
      expect(table.rows('360000', 200), key).not.toEqual(rows);
      const idColumn = table.columns.findIndex((c) => /公民身份号码|证件号码/.test(c.item));
      if (idColumn >= 0) {
        for (const row of rows) {
          expect(isValidResidentId(row[idColumn] as string)).toBe(true);
          expect(ids.has(row[idColumn] as string), key).toBe(true);
        }
      }
      const usccColumn = table.columns.findIndex((c) => normaliseItemName(c.item).endsWith('统一社会信用代码'));
      if (usccColumn >= 0) {
        for (const row of rows) {
          expect(checkUscc(row[usccColumn] as string).checkDigitValid).toBe(true);
          expect(usccs.has(row[usccColumn] as string), key).toBe(true);
        }
      }
    }
    expect(new Set(enterprises.map((e) => e.name)).size).toBe(200);
    expect(usccs.size).toBe(200);
    expect(enterprises.every((e) => ids.has(e.legalRepresentative.residentId))).toBe(true);
  });

  it('keeps the figures of a row consistent', () => {
    const settlements = DEMO_SAMPLE_TABLES['medical-settlement']!;
    const col = (name: string) => settlements.columns.findIndex((c) => c.column === name);
    for (const row of settlements.rows('360100', 200)) {
      const [total, fund, account, cash] = ['ylfze', 'jjzfje', 'grzhzfje', 'grxjzfje'].map(
        (c) => row[col(c)] as number,
      );
      expect(fund! + account! + cash!).toBeCloseTo(total!, 2);
      expect(Math.min(fund!, account!, cash!)).toBeGreaterThanOrEqual(0);
      expect((row[col('cyrq')] as string) >= (row[col('ryrq')] as string)).toBe(true);
    }
    const fund = DEMO_SAMPLE_TABLES['housing-fund']!;
    const f = (name: string) => fund.columns.findIndex((c) => c.column === name);
    for (const row of fund.rows('360100', 200)) {
      const base = row[f('jcjs')] as number;
      const ratio = (row[f('dwjcbl')] as number) + (row[f('grjcbl')] as number);
      expect(row[f('yjce')]).toBeCloseTo((base * ratio) / 100, 2);
      expect(row[f('dwjcbl')]).toBeGreaterThanOrEqual(5);
      expect(row[f('dwjcbl')]).toBeLessThanOrEqual(12);
    }
  });
});
