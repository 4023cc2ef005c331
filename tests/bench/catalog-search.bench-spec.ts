import { randomUUID } from 'node:crypto';
import { Converter } from 'opencc-js';
import { startCatalogNode, type CatalogNode } from '../catalog/catalog-harness.js';

/**
 * 目录检索 over 100,000 entries: p50/p95 of typical queries through the search endpoint (gateway →
 * catalog → PostgreSQL full-text index, first page with relevance ranking) against a plain
 * `ILIKE '%term%'` scan over names and abstracts on the same rows, in the same run; and a deep page
 * (page 200) by cursor against the same page by OFFSET.
 *
 * Entries are written straight into the entry tables from a vocabulary of government data (names,
 * items, tags, abstracts), then indexed by the catalog's own indexer (`POST /search/reindex`), so
 * every search document is what the hook would have produced.
 */
const ENTRIES = Number(process.env['BENCH_ENTRIES'] ?? 100_000);
const REPEATS = Number(process.env['BENCH_REPEATS'] ?? 20);
const PAGE = 20;
const DEEP_PAGE = 200;

const QUERIES = '人口|企业登记|社保|不动产登记|公积金缴存|医保结算|营业执照|驾驶证 南昌|食品 许可|失信被执行人'.split(
  '|',
);

// ---- vocabulary -------------------------------------------------------------------------------

const REGIONS = (
  '全省 南昌市 景德镇市 萍乡市 九江市 新余市 鹰潭市 赣州市 吉安市 宜春市 抚州市 上饶市 东湖区 西湖区 青云谱区 青山湖区 ' +
  '新建区 红谷滩区 南昌县 进贤县 安义县 濂溪区 浔阳区 章贡区 南康区 赣县区 信州区 广丰区 临川区 袁州区 吉州区'
).split(' ');

interface Subject {
  name: string;
  classification: string;
  department: string;
  items: string[];
  tags: string[];
  about: string;
}

/** 名称 | 分类 | 部门 | 信息项 | 标签 | 摘要用语 */
const SUBJECTS: Subject[] = `
人口基本信息|101001|公安|姓名 公民身份号码 性别 民族 出生日期 户籍地址|人口 户籍|户籍人口和常住人口的基本情况
流动人口居住登记信息|101002|公安|姓名 公民身份号码 居住地址 登记日期 居住证编号|流动人口 居住证|流动人员居住登记和居住证申领情况
婚姻登记信息|101003|民政|男方姓名 女方姓名 登记日期 登记机关 结婚证字号|婚姻|结婚登记、离婚登记和补领婚姻登记证
出生医学证明信息|202002|卫生健康|新生儿姓名 出生日期 出生地点 母亲姓名 证明编号|出生 医疗|新生儿出生医学证明签发情况
残疾人基本信息|101001|残联|姓名 公民身份号码 残疾类别 残疾等级 残疾证号|残疾人|持证残疾人的基本情况和残疾等级
退役军人信息|101001|退役军人事务|姓名 公民身份号码 入伍时间 退役时间 安置方式|退役军人 优抚|退役军人安置和优抚情况
企业登记信息|102002|市场监督管理|统一社会信用代码 企业名称 法定代表人 注册资本 成立日期 经营范围|企业 营业执照|企业设立、变更、注销登记
个体工商户登记信息|102002|市场监督管理|统一社会信用代码 经营者姓名 经营场所 经营范围 登记日期|个体工商户 营业执照|个体工商户注册登记
企业年度报告信息|102002|市场监督管理|统一社会信用代码 企业名称 报告年度 从业人数 资产总额|企业 年报|企业年度报告公示
社会组织登记信息|102001|民政|统一社会信用代码 社会组织名称 业务主管单位 登记日期|社会组织|社会团体、民办非企业单位和基金会登记
纳税人登记信息|102001|税务|纳税人识别号 纳税人名称 登记注册类型 主管税务机关|税务 纳税|纳税人税务登记
不动产登记信息|103001|自然资源|不动产单元号 权利人 坐落 面积 用途 登记日期|不动产 房产|不动产权属登记和抵押登记
土地利用现状调查数据|103002|自然资源|图斑编号 地类 面积 权属单位 调查年度|土地 国土调查|土地利用现状调查成果
信用评价信息|104001|发展改革|统一社会信用代码 主体名称 评价等级 评价日期|信用|市场主体公共信用综合评价
失信被执行人名单|104002|法院|被执行人姓名 证件号码 执行依据文号 失信情形 发布日期|失信 信用惩戒|失信被执行人名单和惩戒措施
行政处罚信息|104002|市场监督管理|行政相对人名称 处罚决定书文号 处罚事由 处罚结果 处罚日期|行政处罚 信用|行政处罚决定公示
电子证照目录|105001|政务服务管理|证照名称 证照编号 持证主体 发证机关 有效期|电子证照|各类电子证照的目录和持证信息
驾驶证信息|105001|公安|驾驶证号 姓名 准驾车型 初次领证日期 有效期|驾驶证 交通|机动车驾驶证申领和换证
机动车登记信息|105001|公安|号牌号码 车辆类型 所有人 登记日期 使用性质|机动车 交通|机动车注册、转移和注销登记
政务服务事项办件信息|201001|政务服务管理|办件编号 事项名称 申请人 受理日期 办结日期 办理结果|政务服务 办件|政务服务事项受理和办结
医疗保险结算信息|202001|医疗保障|结算单号 参保人姓名 医疗机构 结算金额 结算日期|医保 结算|基本医疗保险费用结算
医疗机构执业登记信息|202002|卫生健康|医疗机构名称 执业许可证号 诊疗科目 床位数 法定代表人|医疗机构|医疗机构执业许可和校验
社会保险参保信息|203001|人力资源社会保障|姓名 公民身份号码 参保险种 参保状态 参保日期|社保 参保|基本养老、失业、工伤保险参保
社保卡发放信息|203001|人力资源社会保障|姓名 社会保障卡号 发卡日期 发卡银行|社保卡|社会保障卡申领和发放
养老保险待遇发放信息|203001|人力资源社会保障|姓名 公民身份号码 待遇类型 发放金额 发放月份|养老 社保|养老保险待遇核定和发放
住房公积金缴存信息|203002|住房公积金管理|职工姓名 公积金账号 缴存基数 月缴存额 缴存状态|公积金 缴存|住房公积金缴存和余额
住房公积金贷款信息|203002|住房公积金管理|借款人姓名 贷款合同号 贷款金额 贷款期限 还款状态|公积金 贷款|住房公积金个人贷款发放和还款
最低生活保障对象信息|203003|民政|户主姓名 公民身份号码 保障人数 保障金额 保障起始日期|低保 社会救助|城乡最低生活保障对象认定和保障金发放
特困人员救助供养信息|203003|民政|姓名 公民身份号码 供养方式 供养标准 认定日期|特困 社会救助|特困人员认定和救助供养
食品生产许可信息|204001|市场监督管理|许可证编号 生产者名称 食品类别 有效期 发证日期|食品安全 许可|食品生产许可证核发、延续和注销
药品经营许可信息|204001|药品监督管理|许可证编号 企业名称 经营方式 经营范围 有效期|药品 许可|药品经营许可证核发
安全生产许可证信息|205|应急管理|许可证编号 企业名称 许可范围 有效期 发证机关|安全生产 许可|危险化学品和非煤矿山企业安全生产许可
建设工程规划许可信息|209001|自然资源|许可证编号 建设单位 项目名称 建设位置 建设规模|规划 建设工程|建设工程规划许可核发
建筑工程施工许可信息|209001|住房城乡建设|施工许可证编号 建设单位 工程名称 施工单位 合同价格|施工许可 建设工程|建筑工程施工许可
空气质量监测数据|211001|生态环境|监测点位 监测时间 PM2.5浓度 PM10浓度 空气质量指数|环境监测 空气质量|环境空气质量自动监测
地表水水质监测数据|211001|生态环境|断面名称 监测时间 水质类别 化学需氧量 氨氮|环境监测 水质|地表水断面水质监测
应急物资储备信息|212001|应急管理|物资名称 规格型号 储备数量 储备地点 管理单位|应急 物资|应急救灾物资储备和调拨
学生学籍信息|201001|教育|学生姓名 学籍号 就读学校 年级 入学日期|教育 学籍|中小学学生学籍注册和变动
高校毕业生就业信息|201001|教育|姓名 毕业院校 专业 学历 就业单位|就业 毕业生|高校毕业生就业去向登记
道路交通违法信息|105001|公安|号牌号码 违法时间 违法地点 违法行为 处理状态|交通违法 交通|道路交通违法行为记录和处理
`
  .trim()
  .split('\n')
  .map((line) => {
    const [name, classification, department, items, tags, about] = line.split('|') as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    return { name, classification, department, items: items.split(' '), tags: tags.split(' '), about };
  });

const SUFFIXES = ['', '', '', '明细', '统计', '变更记录', '历史数据', '汇总表', '查询接口', '（年度）'];
const COMMON_ITEMS = ['数据更新时间', '数据来源单位', '行政区划代码', '备注'];
const PURPOSES = (
  '政务服务“一网通办” 跨部门数据共享 统计分析和决策支持 事中事后监管 民生保障政策落实 社会信用体系建设 人口统计分析 ' +
  '基层社会治理 应急管理和防灾减灾 营商环境评价'
).split(' ');
const CYCLES = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'other'] as const;
const CYCLE_TEXT: Record<(typeof CYCLES)[number], string> = {
  realtime: '实时',
  daily: '每日',
  weekly: '每周',
  monthly: '每月',
  quarterly: '每季度',
  yearly: '每年',
  other: '不定期',
};

/** A small deterministic generator, so every run measures the same catalog. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Organisation {
  id: string;
  name: string;
  department: string;
}

function organisations(): Organisation[] {
  const departments = [...new Set(SUBJECTS.map((s) => s.department))];
  return REGIONS.flatMap((region) =>
    departments.map((department) => ({
      id: randomUUID(),
      name: region === '全省' ? `江西省${department}厅` : `${region}${department}局`,
      department,
    })),
  );
}

function entryRows(count: number, orgs: Organisation[]) {
  const next = random(20_261_001);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const byDepartment = new Map<string, Organisation[]>();
  for (const org of orgs) byDepartment.set(org.department, [...(byDepartment.get(org.department) ?? []), org]);
  const sequence = new Map<string, number>();
  const rows = [];
  for (let i = 0; i < count; i++) {
    const subject = pick(SUBJECTS);
    const region = pick(REGIONS);
    const org = pick(byDepartment.get(subject.department)!);
    const year = 2019 + Math.floor(next() * 8);
    const suffix = pick(SUFFIXES).replace('年度', `${year}年度`);
    const name = `${region}${subject.name}${suffix}`;
    const cycle = pick(CYCLES);
    const seq = (sequence.get(subject.classification) ?? 0) + 1;
    sequence.set(subject.classification, seq);
    const gradeRoll = next();
    const grade =
      gradeRoll < 0.08
        ? { category: 'core' }
        : gradeRoll < 0.25
          ? { category: 'important' }
          : { category: 'general', level: 1 + Math.floor(next() * 4) };
    const shareRoll = next();
    const sharing =
      shareRoll < 0.12
        ? { type: 'none', legalBasis: '《中华人民共和国个人信息保护法》第十三条' }
        : shareRoll < 0.6
          ? { type: 'conditional', conditions: '仅用于依法履职，需说明用途', methods: ['platform'] }
          : { type: 'unconditional', methods: ['platform'] };
    const openRoll = next();
    const open =
      openRoll < 0.6
        ? { type: 'none' }
        : openRoll < 0.85
          ? { type: 'conditional', conditions: '申请审核后开放' }
          : { type: 'unconditional' };
    const content = {
      name,
      abstract: `${org.name}归集的${region}${subject.about}数据（${year}年起），${CYCLE_TEXT[cycle]}更新，主要用于${pick(PURPOSES)}和${pick(PURPOSES)}。`,
      classificationCode: subject.classification,
      classified: false,
      grade,
      sharing,
      open,
      format: { category: 'database' },
      updateCycle: cycle,
      items: [...subject.items, ...COMMON_ITEMS.slice(0, 1 + Math.floor(next() * COMMON_ITEMS.length))].map((item) => ({
        name: item,
        dataType: 'C',
        length: 50,
      })),
      relatedCodes: [],
      regionCode: '360000',
      tags: [...subject.tags, region],
    };
    const published = next() < 0.9;
    const publishedAt = new Date(
      Date.UTC(year, Math.floor(next() * 12), 1 + Math.floor(next() * 28), Math.floor(next() * 24)),
    );
    rows.push({
      id: randomUUID(),
      code: `${subject.classification}/100000${String(seq).padStart(6, '0')}`,
      organisation_id: org.id,
      state: published ? 'published' : pick(['draft', 'submitted', 'returned']),
      published_version: published ? 1 : null,
      published_at: published ? publishedAt.toISOString() : null,
      publish_date: published ? publishedAt.toISOString().slice(0, 10) : null,
      updated_at: publishedAt.toISOString(),
      name,
      content,
    });
  }
  return rows;
}

// ---- measurement --------------------------------------------------------------------------------

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!.toFixed(2));
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await run();
  return { ms: performance.now() - start, result };
}

describe('bench: catalog search vs ILIKE over 100,000 entries', () => {
  let node: CatalogNode;

  beforeAll(async () => {
    node = await startCatalogNode();
  });

  afterAll(() => node?.close());

  it('measures', async () => {
    const db = node.catalog.dataSource;
    // REST round trip without search work (the node's two providers), to read the figures net of
    // HTTP, token check and the gateway.
    const someone = await node.token(node.orgA, [], 'user:bench-overhead');
    const overhead: number[] = [];
    for (let i = 0; i < REPEATS * 5; i++) {
      overhead.push((await timed(() => node.api('GET', '/api/v1/catalog/providers', { token: someone }))).ms);
    }
    const orgs = organisations();
    await db.query(
      `INSERT INTO organisation_ref (id, node_code, name, uscc, region_code, kind, parent_id, version, active)
       SELECT r.id, '100000', r.name, '11360000MB0000000X', '360000', 'department', NULL, 1, true
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, name text)`,
      [JSON.stringify(orgs)],
    );
    const fillStart = performance.now();
    const rows = entryRows(ENTRIES, orgs);
    for (let i = 0; i < rows.length; i += 2_000) {
      const batch = JSON.stringify(rows.slice(i, i + 2_000));
      await db.transaction(async (m) => {
        await m.query(
          `INSERT INTO catalog_entry (id, code, node_code, organisation_id, head_version, head_state, published_version,
                                      created_by, created_at, updated_at, first_published_at)
           SELECT r.id, r.code, '100000', r.organisation_id, 1, r.state, r.published_version, 'bench', r.updated_at, r.updated_at, r.published_at
             FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, code text, organisation_id uuid, state text,
                  published_version integer, updated_at timestamptz, published_at timestamptz)`,
          [batch],
        );
        await m.query(
          `INSERT INTO catalog_entry_version (entry_id, version, state, content, name, created_by, created_at, updated_at,
                                              published_at, publish_date)
           SELECT r.id, 1, r.state, r.content, r.name, 'bench', r.updated_at, r.updated_at, r.published_at, r.publish_date
             FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, state text, content jsonb, name text,
                  updated_at timestamptz, published_at timestamptz, publish_date date)`,
          [batch],
        );
      });
    }
    const fillSeconds = (performance.now() - fillStart) / 1000;

    // Indexed by the catalog itself (tokenisation in Node, upsert in batches), straight to the
    // catalog's port: a rebuild of 100,000 entries outlasts the gateway's proxy timeout.
    const admin = await node.token(node.root, ['node-admin'], 'user:bench-admin');
    const reindex = await timed(() =>
      fetch(`${node.catalog.httpUrl}/api/v1/catalog/search/reindex`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}` },
      }).then((r) => r.json() as Promise<{ indexed: number; seconds: number }>),
    );
    expect(reindex.result.indexed).toBe(ENTRIES);
    await db.query('VACUUM ANALYZE entry_search');
    await db.query('VACUUM ANALYZE entry_search_tag');
    const [{ size }] = await db.query(`SELECT pg_size_pretty(pg_total_relation_size('entry_search')) AS size`);

    // A government user of an organisation that provides nothing: sees published, unrestricted entries.
    const readerOrg = randomUUID();
    const reader = await node.token(readerOrg, [], 'user:bench-reader');
    const searchPage = async (query: string) => {
      const res = await node.api<{ items: Array<{ id: string }>; nextCursor: string | null }>(
        'GET',
        `/api/v1/catalog/search${query}`,
        { token: reader },
      );
      if (res.status !== 200) throw new Error(`search ${query}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const visible = `((s.published AND NOT s.restricted) OR s.organisation_id = '${readerOrg}'::uuid)`;
    /**
     * The plain way: every word ILIKE'd against name and abstract, newest first — on the same
     * index the search's newest-first order uses, so the scan can stop early when matches are common.
     */
    const ilike = (q: string, offset = 0) => {
      const terms = q.split(/\s+/).filter(Boolean);
      const where = terms.map((_, i) => `(s.name ILIKE $${i + 1} OR s.abstract ILIKE $${i + 1})`);
      return db.query(
        `SELECT s.entry_id, s.name, s.abstract, s.organisation_id, o.name AS provider_name
           FROM entry_search s LEFT JOIN organisation_ref o ON o.id = s.organisation_id
          WHERE ${[...where, visible, `s.status = 'published'`].join(' AND ')}
          ORDER BY s.recency, s.entry_id LIMIT ${PAGE} OFFSET ${offset}`,
        terms.map((t) => `%${t}%`),
      ) as Promise<Array<{ entry_id: string }>>;
    };
    const ilikeCount = async (q: string) => {
      const terms = q.split(/\s+/).filter(Boolean);
      const where = terms.map((_, i) => `(s.name ILIKE $${i + 1} OR s.abstract ILIKE $${i + 1})`);
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM entry_search s WHERE ${[...where, visible, `s.status = 'published'`].join(' AND ')}`,
        terms.map((t) => `%${t}%`),
      );
      return n as number;
    };

    const perQuery: Record<string, unknown> = {};
    const searchAll: number[] = [];
    const facetAll: number[] = [];
    const ilikeAll: number[] = [];
    for (const q of QUERIES) {
      const encoded = encodeURIComponent(q);
      await searchPage(`?q=${encoded}&limit=${PAGE}`);
      await ilike(q);
      const searchMs: number[] = [];
      const facetMs: number[] = [];
      const ilikeMs: number[] = [];
      for (let i = 0; i < REPEATS; i++) {
        searchMs.push((await timed(() => searchPage(`?q=${encoded}&limit=${PAGE}`))).ms);
        facetMs.push((await timed(() => searchPage(`?q=${encoded}&limit=${PAGE}&facets=true`))).ms);
        ilikeMs.push((await timed(() => ilike(q))).ms);
      }
      const withFacets = (
        await node.api('GET', `/api/v1/catalog/search?q=${encoded}&limit=1&facets=true`, { token: reader })
      ).body as { total: number };
      perQuery[q] = {
        matches: withFacets.total,
        ilikeMatches: await ilikeCount(q),
        searchP50: percentile(searchMs, 50),
        searchP95: percentile(searchMs, 95),
        facetsP95: percentile(facetMs, 95),
        ilikeP50: percentile(ilikeMs, 50),
        ilikeP95: percentile(ilikeMs, 95),
      };
      searchAll.push(...searchMs);
      facetAll.push(...facetMs);
      ilikeAll.push(...ilikeMs);
    }

    // The same queries in the other script (繁简, derived at run time): folded in the index and the
    // query, they must return the same first page, at the same cost.
    const toSimplified = Converter({ from: 'tw', to: 'cn' });
    const toTraditional = Converter({ from: 'cn', to: 'tw' });
    const otherScriptMs: number[] = [];
    let otherScriptSamePages = 0;
    for (const q of QUERIES) {
      const other = toSimplified(q) !== q ? toSimplified(q) : toTraditional(q);
      const ids = (body: { items: Array<{ id: string }> }) => body.items.map((i) => i.id).join();
      const page = await searchPage(`?q=${encodeURIComponent(q)}&limit=${PAGE}`);
      const otherPage = await searchPage(`?q=${encodeURIComponent(other)}&limit=${PAGE}`);
      if (page.items.length > 0 && ids(page) === ids(otherPage)) otherScriptSamePages++;
      for (let i = 0; i < REPEATS; i++) {
        otherScriptMs.push((await timed(() => searchPage(`?q=${encodeURIComponent(other)}&limit=${PAGE}`))).ms);
      }
    }

    // Page 200: by cursor (walked once to get there) against OFFSET, for a broad query and for browsing.
    const deep: Record<string, unknown> = {};
    for (const [label, query, ilikeQuery] of [
      ['q=信息 (relevance, within the name tier)', `?q=${encodeURIComponent('信息')}&limit=${PAGE}`, '信息'],
      ['q=人口 (relevance, past the name tiers)', `?q=${encodeURIComponent('人口')}&limit=${PAGE}`, '人口'],
      ['no query (newest first)', `?limit=${PAGE}`, ''],
    ] as const) {
      let cursor: string | null = null;
      for (let page = 1; page < DEEP_PAGE; page++) {
        const body: { nextCursor: string | null } = await searchPage(`${query}${cursor ? `&cursor=${cursor}` : ''}`);
        cursor = body.nextCursor;
        if (!cursor) throw new Error(`${label}: fewer than ${DEEP_PAGE} pages`);
      }
      const cursorMs: number[] = [];
      const firstMs: number[] = [];
      const offsetMs: number[] = [];
      for (let i = 0; i < REPEATS; i++) {
        cursorMs.push((await timed(() => searchPage(`${query}&cursor=${cursor}`))).ms);
        firstMs.push((await timed(() => searchPage(query))).ms);
        offsetMs.push((await timed(() => ilike(ilikeQuery || '%', (DEEP_PAGE - 1) * PAGE))).ms);
      }
      deep[label] = {
        page1P95: percentile(firstMs, 95),
        page200CursorP95: percentile(cursorMs, 95),
        baselinePage200IlikeOffsetP95: percentile(offsetMs, 95),
      };
    }

    // 输入提示 as a user types 人口基本信息, 南昌市…, 社保, 信息.
    const suggestMs: number[] = [];
    const suggestPerText: Record<string, number> = {};
    for (const typed of ['人', '人口', '人口基', '南昌', '社保', '信息', '营业执照']) {
      const mine: number[] = [];
      for (let i = 0; i < REPEATS; i++) {
        const res = await timed(() =>
          node.api('GET', `/api/v1/catalog/suggest?q=${encodeURIComponent(typed)}`, { token: reader }),
        );
        if (res.result.status !== 200) throw new Error(`suggest ${typed}: ${res.result.status}`);
        suggestMs.push(res.ms);
        mine.push(res.ms);
      }
      suggestPerText[typed] = percentile(mine, 95);
    }

    const result = {
      bench: 'catalog-search',
      entries: ENTRIES,
      fillSeconds: Number(fillSeconds.toFixed(1)),
      indexSeconds: Number((reindex.ms / 1000).toFixed(1)),
      indexEntriesPerSecond: Math.round(ENTRIES / (reindex.ms / 1000)),
      indexSize: size,
      queries: QUERIES.length,
      samplesPerQuery: REPEATS,
      restOverheadP50: percentile(overhead, 50),
      searchP50: percentile(searchAll, 50),
      searchP95: percentile(searchAll, 95),
      searchWithFacetsP95: percentile(facetAll, 95),
      searchOtherScriptP95: percentile(otherScriptMs, 95),
      otherScriptSameFirstPage: `${otherScriptSamePages}/${QUERIES.length}`,
      baselineIlikeP50: percentile(ilikeAll, 50),
      baselineIlikeP95: percentile(ilikeAll, 95),
      ratioP95IlikeToSearch: Number((percentile(ilikeAll, 95) / percentile(searchAll, 95)).toFixed(2)),
      suggestP50: percentile(suggestMs, 50),
      suggestP95: percentile(suggestMs, 95),
      suggestP95PerText: suggestPerText,
      perQuery,
      deepPage: deep,
      unit: 'ms',
    };
    process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
    expect(searchAll.length).toBe(QUERIES.length * REPEATS);
  });
});
