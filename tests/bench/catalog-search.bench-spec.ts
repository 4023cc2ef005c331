import { randomUUID } from 'node:crypto';
import { Converter } from 'opencc-js';
import { startCatalogNode, type CatalogNode } from '../catalog/catalog-harness.js';

/**
 * 目錄檢索 over 100,000 entries: p50/p95 of typical queries through the search endpoint (gateway →
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

const QUERIES = '人口|企業登記|社保|不動產登記|公積金繳存|醫保結算|營業執照|駕駛證 南昌|食品 許可|失信被執行人'.split(
  '|',
);

// ---- vocabulary -------------------------------------------------------------------------------

const REGIONS = (
  '全省 南昌市 景德鎮市 萍鄉市 九江市 新餘市 鷹潭市 贛州市 吉安市 宜春市 撫州市 上饒市 東湖區 西湖區 青雲譜區 青山湖區 ' +
  '新建區 紅谷灘區 南昌縣 進賢縣 安義縣 濂溪區 潯陽區 章貢區 南康區 贛縣區 信州區 廣豐區 臨川區 袁州區 吉州區'
).split(' ');

interface Subject {
  name: string;
  classification: string;
  department: string;
  items: string[];
  tags: string[];
  about: string;
}

/** 名稱 | 分類 | 部門 | 信息項 | 標籤 | 摘要用語 */
const SUBJECTS: Subject[] = `
人口基本信息|101001|公安|姓名 公民身份號碼 性別 民族 出生日期 戶籍地址|人口 戶籍|戶籍人口和常住人口的基本情況
流動人口居住登記信息|101002|公安|姓名 公民身份號碼 居住地址 登記日期 居住證編號|流動人口 居住證|流動人員居住登記和居住證申領情況
婚姻登記信息|101003|民政|男方姓名 女方姓名 登記日期 登記機關 結婚證字號|婚姻|結婚登記、離婚登記和補領婚姻登記證
出生醫學證明信息|202002|衛生健康|新生兒姓名 出生日期 出生地點 母親姓名 證明編號|出生 醫療|新生兒出生醫學證明簽發情況
殘疾人基本信息|101001|殘聯|姓名 公民身份號碼 殘疾類別 殘疾等級 殘疾證號|殘疾人|持證殘疾人的基本情況和殘疾等級
退役軍人信息|101001|退役軍人事務|姓名 公民身份號碼 入伍時間 退役時間 安置方式|退役軍人 優撫|退役軍人安置和優撫情況
企業登記信息|102002|市場監督管理|統一社會信用代碼 企業名稱 法定代表人 注冊資本 成立日期 經營範圍|企業 營業執照|企業設立、變更、注銷登記
個體工商戶登記信息|102002|市場監督管理|統一社會信用代碼 經營者姓名 經營場所 經營範圍 登記日期|個體工商戶 營業執照|個體工商戶注冊登記
企業年度報告信息|102002|市場監督管理|統一社會信用代碼 企業名稱 報告年度 從業人數 資產總額|企業 年報|企業年度報告公示
社會組織登記信息|102001|民政|統一社會信用代碼 社會組織名稱 業務主管單位 登記日期|社會組織|社會團體、民辦非企業單位和基金會登記
納稅人登記信息|102001|稅務|納稅人識別號 納稅人名稱 登記注冊類型 主管稅務機關|稅務 納稅|納稅人稅務登記
不動產登記信息|103001|自然資源|不動產單元號 權利人 坐落 面積 用途 登記日期|不動產 房產|不動產權屬登記和抵押登記
土地利用現狀調查數據|103002|自然資源|圖斑編號 地類 面積 權屬單位 調查年度|土地 國土調查|土地利用現狀調查成果
信用評價信息|104001|發展改革|統一社會信用代碼 主體名稱 評價等級 評價日期|信用|市場主體公共信用綜合評價
失信被執行人名單|104002|法院|被執行人姓名 證件號碼 執行依據文號 失信情形 發布日期|失信 信用懲戒|失信被執行人名單和懲戒措施
行政處罰信息|104002|市場監督管理|行政相對人名稱 處罰決定書文號 處罰事由 處罰結果 處罰日期|行政處罰 信用|行政處罰決定公示
電子證照目錄|105001|政務服務管理|證照名稱 證照編號 持證主體 發證機關 有效期|電子證照|各類電子證照的目錄和持證信息
駕駛證信息|105001|公安|駕駛證號 姓名 準駕車型 初次領證日期 有效期|駕駛證 交通|機動車駕駛證申領和換證
機動車登記信息|105001|公安|號牌號碼 車輛類型 所有人 登記日期 使用性質|機動車 交通|機動車注冊、轉移和注銷登記
政務服務事項辦件信息|201001|政務服務管理|辦件編號 事項名稱 申請人 受理日期 辦結日期 辦理結果|政務服務 辦件|政務服務事項受理和辦結
醫療保險結算信息|202001|醫療保障|結算單號 參保人姓名 醫療機構 結算金額 結算日期|醫保 結算|基本醫療保險費用結算
醫療機構執業登記信息|202002|衛生健康|醫療機構名稱 執業許可證號 診療科目 床位數 法定代表人|醫療機構|醫療機構執業許可和校驗
社會保險參保信息|203001|人力資源社會保障|姓名 公民身份號碼 參保險種 參保狀態 參保日期|社保 參保|基本養老、失業、工傷保險參保
社保卡發放信息|203001|人力資源社會保障|姓名 社會保障卡號 發卡日期 發卡銀行|社保卡|社會保障卡申領和發放
養老保險待遇發放信息|203001|人力資源社會保障|姓名 公民身份號碼 待遇類型 發放金額 發放月份|養老 社保|養老保險待遇核定和發放
住房公積金繳存信息|203002|住房公積金管理|職工姓名 公積金賬號 繳存基數 月繳存額 繳存狀態|公積金 繳存|住房公積金繳存和余額
住房公積金貸款信息|203002|住房公積金管理|借款人姓名 貸款合同號 貸款金額 貸款期限 還款狀態|公積金 貸款|住房公積金個人貸款發放和還款
最低生活保障對象信息|203003|民政|戶主姓名 公民身份號碼 保障人數 保障金額 保障起始日期|低保 社會救助|城鄉最低生活保障對象認定和保障金發放
特困人員救助供養信息|203003|民政|姓名 公民身份號碼 供養方式 供養標準 認定日期|特困 社會救助|特困人員認定和救助供養
食品生產許可信息|204001|市場監督管理|許可證編號 生產者名稱 食品類別 有效期 發證日期|食品安全 許可|食品生產許可證核發、延續和注銷
藥品經營許可信息|204001|藥品監督管理|許可證編號 企業名稱 經營方式 經營範圍 有效期|藥品 許可|藥品經營許可證核發
安全生產許可證信息|205|應急管理|許可證編號 企業名稱 許可範圍 有效期 發證機關|安全生產 許可|危險化學品和非煤礦山企業安全生產許可
建設工程規劃許可信息|209001|自然資源|許可證編號 建設單位 項目名稱 建設位置 建設規模|規劃 建設工程|建設工程規劃許可核發
建築工程施工許可信息|209001|住房城鄉建設|施工許可證編號 建設單位 工程名稱 施工單位 合同價格|施工許可 建設工程|建築工程施工許可
空氣質量監測數據|211001|生態環境|監測點位 監測時間 PM2.5濃度 PM10濃度 空氣質量指數|環境監測 空氣質量|環境空氣質量自動監測
地表水水質監測數據|211001|生態環境|斷面名稱 監測時間 水質類別 化學需氧量 氨氮|環境監測 水質|地表水斷面水質監測
應急物資儲備信息|212001|應急管理|物資名稱 規格型號 儲備數量 儲備地點 管理單位|應急 物資|應急救災物資儲備和調撥
學生學籍信息|201001|教育|學生姓名 學籍號 就讀學校 年級 入學日期|教育 學籍|中小學學生學籍注冊和變動
高校畢業生就業信息|201001|教育|姓名 畢業院校 專業 學歷 就業單位|就業 畢業生|高校畢業生就業去向登記
道路交通違法信息|105001|公安|號牌號碼 違法時間 違法地點 違法行為 處理狀態|交通違法 交通|道路交通違法行為記錄和處理
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

const SUFFIXES = ['', '', '', '明細', '統計', '變更記錄', '歷史數據', '匯總表', '查詢接口', '（年度）'];
const COMMON_ITEMS = ['數據更新時間', '數據來源單位', '行政區劃代碼', '備注'];
const PURPOSES = (
  '政務服務“一網通辦” 跨部門數據共享 統計分析和決策支持 事中事後監管 民生保障政策落實 社會信用體系建設 人口統計分析 ' +
  '基層社會治理 應急管理和防災減災 營商環境評價'
).split(' ');
const CYCLES = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'other'] as const;
const CYCLE_TEXT: Record<(typeof CYCLES)[number], string> = {
  realtime: '實時',
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
      name: region === '全省' ? `江西省${department}廳` : `${region}${department}局`,
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
        ? { type: 'none', legalBasis: '《中華人民共和國個人信息保護法》第十三條' }
        : shareRoll < 0.6
          ? { type: 'conditional', conditions: '僅用於依法履職，需說明用途', methods: ['platform'] }
          : { type: 'unconditional', methods: ['platform'] };
    const openRoll = next();
    const open =
      openRoll < 0.6
        ? { type: 'none' }
        : openRoll < 0.85
          ? { type: 'conditional', conditions: '申請審核後開放' }
          : { type: 'unconditional' };
    const content = {
      name,
      abstract: `${org.name}歸集的${region}${subject.about}數據（${year}年起），${CYCLE_TEXT[cycle]}更新，主要用於${pick(PURPOSES)}和${pick(PURPOSES)}。`,
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

    // 輸入提示 as a user types 人口基本信息, 南昌市…, 社保, 信息.
    const suggestMs: number[] = [];
    const suggestPerText: Record<string, number> = {};
    for (const typed of ['人', '人口', '人口基', '南昌', '社保', '信息', '營業執照']) {
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
