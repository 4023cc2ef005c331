import type { EntryContentInput } from '@govdata/catalog-feature';
import type { DemoDepartmentKind } from './demo-catalog-data.js';

/**
 * DEMO ONLY — the open sample catalog: datasets a provincial or city open-data platform typically
 * publishes (institutions, statistics, distributions, yearly summaries), enough for the figures the
 * 2018 pilot plan for 公共信息资源开放 asks of a platform — 20 subject domains × 16 datasets = 320,
 * each backed by a synthetic table in the node's sample source database and opened without
 * conditions (every eighth on conditions). Names are realistic; the rows are synthetic.
 */
export const OPEN_SAMPLE_TAG = '开放样例';

interface DomainSpec {
  /** 主题领域 as the open-data service labels it (its tag on the entry). */
  domain: string;
  classificationCode: string;
  department: DemoDepartmentKind;
  subjects: readonly [string, string, string, string];
}

const DOMAINS: readonly DomainSpec[] = [
  {
    domain: '经贸工商',
    classificationCode: '102',
    department: 'market-regulation',
    subjects: ['个体工商户登记', '企业年报公示', '商标注册', '外商投资企业'],
  },
  {
    domain: '财税金融',
    classificationCode: '208',
    department: 'data-authority',
    subjects: ['政府采购项目', '财政预算公开', '普惠金融服务网点', '非税收入项目'],
  },
  {
    domain: '教育科技',
    classificationCode: '201',
    department: 'human-resources',
    subjects: ['职业技能培训机构', '技工院校', '高新技术企业', '科技创新平台'],
  },
  {
    domain: '文化休闲',
    classificationCode: '201',
    department: 'data-authority',
    subjects: ['公共图书馆', 'A级旅游景区', '文化馆站', '体育场馆'],
  },
  {
    domain: '道路交通',
    classificationCode: '209',
    department: 'public-security',
    subjects: ['机动车保有量', '交通信号灯点位', '公共停车场', '驾驶人考试场地'],
  },
  {
    domain: '社会民生',
    classificationCode: '210',
    department: 'data-authority',
    subjects: ['社区服务中心', '养老服务机构', '便民服务点', '婚姻登记机关'],
  },
  {
    domain: '资源环境',
    classificationCode: '211',
    department: 'natural-resources',
    subjects: ['空气质量监测', '地表水水质', '自然保护地', '矿产资源规划'],
  },
  {
    domain: '医疗卫生',
    classificationCode: '202',
    department: 'medical-insurance',
    subjects: ['定点医疗机构', '定点零售药店', '医保药品目录', '医疗服务价格'],
  },
  {
    domain: '社保就业',
    classificationCode: '203',
    department: 'human-resources',
    subjects: ['社会保险经办机构', '公共就业服务机构', '就业见习基地', '人力资源服务机构'],
  },
  {
    domain: '公共安全',
    classificationCode: '212',
    department: 'public-security',
    subjects: ['派出所', '出入境接待大厅', '户籍办理窗口', '消防救援站'],
  },
  {
    domain: '城建住房',
    classificationCode: '209',
    department: 'housing-fund',
    subjects: ['公积金缴存单位', '公租房小区', '住房公积金业务网点', '商品房预售许可'],
  },
  {
    domain: '农业农村',
    classificationCode: '103',
    department: 'natural-resources',
    subjects: ['高标准农田', '农村土地承包', '耕地保护', '设施农用地'],
  },
  {
    domain: '安全生产',
    classificationCode: '205',
    department: 'market-regulation',
    subjects: ['特种设备使用单位', '危险化学品经营许可', '工业产品生产许可', '电梯维保单位'],
  },
  {
    domain: '市场监管',
    classificationCode: '204',
    department: 'market-regulation',
    subjects: ['食品经营许可', '食品抽检结果', '计量检定机构', '产品质量抽查'],
  },
  {
    domain: '社会救助',
    classificationCode: '203',
    department: 'data-authority',
    subjects: ['救助管理站', '临时救助标准', '城乡低保标准', '特困供养机构'],
  },
  {
    domain: '法律服务',
    classificationCode: '201',
    department: 'data-authority',
    subjects: ['律师事务所', '公证机构', '司法鉴定机构', '人民调解委员会'],
  },
  {
    domain: '生活服务',
    classificationCode: '201',
    department: 'data-authority',
    subjects: ['政务服务大厅', '公共厕所', '电动汽车充电站', '供水营业网点'],
  },
  {
    domain: '气象服务',
    classificationCode: '211',
    department: 'natural-resources',
    subjects: ['气象观测站', '降水量', '气温', '气象灾害预警'],
  },
  {
    domain: '地理空间',
    classificationCode: '103',
    department: 'natural-resources',
    subjects: ['行政区划', '地名地址', '基础测绘成果', '不动产登记机构'],
  },
  {
    domain: '机构团体',
    classificationCode: '102',
    department: 'market-regulation',
    subjects: ['社会团体', '民办非企业单位', '基金会', '事业单位'],
  },
];

type Item = EntryContentInput['items'][number];

/** One form of dataset: its name suffix, abstract, items and table columns (with the SQL of a row). */
interface FormSpec {
  suffix: string;
  abstract: (subject: string, region: string) => string;
  updateCycle: EntryContentInput['updateCycle'];
  columns: ReadonlyArray<{ column: string; sqlType: string; item: Item; value: (subject: string) => string }>;
}

const FORMS: readonly FormSpec[] = [
  {
    suffix: '名录',
    abstract: (s, r) => `${r}${s}的名称、所在区划、办公地址和服务电话，按月更新。`,
    updateCycle: 'monthly',
    columns: [
      { column: 'xh', sqlType: 'integer', item: { name: '序号', dataType: 'N', length: 10 }, value: () => 'i' },
      {
        column: 'mc',
        sqlType: 'varchar(200)',
        item: { name: '名称', dataType: 'C', length: 200 },
        value: (s) => `r.name || '${s}' || i`,
      },
      {
        column: 'szqh',
        sqlType: 'varchar(50)',
        item: { name: '所在区划', dataType: 'C', length: 50 },
        value: () => 'r.name',
      },
      {
        column: 'bgdz',
        sqlType: 'varchar(200)',
        item: { name: '办公地址', dataType: 'C', length: 200 },
        value: () => `r.name || '人民路' || i || '号'`,
      },
      {
        column: 'fwdh',
        sqlType: 'varchar(20)',
        item: { name: '服务电话', dataType: 'C', length: 20 },
        value: () => `'0791-' || (86000000 + i)`,
      },
    ],
  },
  {
    suffix: '统计',
    abstract: (s, r) => `${r}各区划${s}的数量统计，按年度汇总。`,
    updateCycle: 'quarterly',
    columns: [
      {
        column: 'qhdm',
        sqlType: 'char(6)',
        item: { name: '行政区划代码', dataType: 'C', length: 6 },
        value: () => 'r.code',
      },
      {
        column: 'qhmc',
        sqlType: 'varchar(50)',
        item: { name: '区划名称', dataType: 'C', length: 50 },
        value: () => 'r.name',
      },
      {
        column: 'tjnd',
        sqlType: 'integer',
        item: { name: '统计年度', dataType: 'N', length: 4 },
        value: () => '2015 + i % 11',
      },
      {
        column: 'sl',
        sqlType: 'integer',
        item: { name: '数量', dataType: 'N', length: 12 },
        value: () => '(i * 37) % 1000 + 10',
      },
      {
        column: 'jldw',
        sqlType: 'varchar(10)',
        item: { name: '计量单位', dataType: 'C', length: 10 },
        value: () => `'个'`,
      },
    ],
  },
  {
    suffix: '分布',
    abstract: (s, r) => `${r}${s}的空间分布（名称、所在区划、经纬度），可在地图上展示。`,
    updateCycle: 'monthly',
    columns: [
      { column: 'xh', sqlType: 'integer', item: { name: '序号', dataType: 'N', length: 10 }, value: () => 'i' },
      {
        column: 'mc',
        sqlType: 'varchar(200)',
        item: { name: '名称', dataType: 'C', length: 200 },
        value: (s) => `r.name || '${s}点位' || i`,
      },
      {
        column: 'szqh',
        sqlType: 'varchar(50)',
        item: { name: '所在区划', dataType: 'C', length: 50 },
        value: () => 'r.name',
      },
      {
        column: 'jd',
        sqlType: 'numeric(9,6)',
        item: { name: '经度', dataType: 'N', length: 10 },
        value: () => '115.5 + (i % 100) / 100.0',
      },
      {
        column: 'wd',
        sqlType: 'numeric(9,6)',
        item: { name: '纬度', dataType: 'N', length: 10 },
        value: () => '28.3 + (i % 80) / 100.0',
      },
    ],
  },
  {
    suffix: '年度汇总',
    abstract: (s, r) => `${r}${s}的年度汇总数据和同比增长情况。`,
    updateCycle: 'yearly',
    columns: [
      {
        column: 'tjnd',
        sqlType: 'integer',
        item: { name: '统计年度', dataType: 'N', length: 4 },
        value: () => '2000 + i % 26',
      },
      {
        column: 'qhmc',
        sqlType: 'varchar(50)',
        item: { name: '区划名称', dataType: 'C', length: 50 },
        value: () => 'r.name',
      },
      {
        column: 'hzsl',
        sqlType: 'integer',
        item: { name: '汇总数量', dataType: 'N', length: 12 },
        value: () => '(i * 53) % 5000 + 100',
      },
      {
        column: 'tbzz',
        sqlType: 'numeric(6,2)',
        item: { name: '同比增长率', dataType: 'N', length: 6 },
        value: () => '((i * 7) % 200 - 50) / 10.0',
      },
      {
        column: 'gxrq',
        sqlType: 'date',
        item: { name: '更新日期', dataType: 'D' },
        value: () => `date '2026-01-01' + (i % 300)`,
      },
    ],
  },
];

/** The regions a node's sample rows are spread over: Jiangxi's cities, Nanchang's districts, or the node's own. */
export function sampleRegions(nodeCode: string): Array<{ code: string; name: string }> {
  if (nodeCode === '360000') {
    return [
      ['360100', '南昌市'],
      ['360200', '景德镇市'],
      ['360300', '萍乡市'],
      ['360400', '九江市'],
      ['360500', '新余市'],
      ['360600', '鹰潭市'],
      ['360700', '赣州市'],
      ['360800', '吉安市'],
      ['360900', '宜春市'],
      ['361000', '抚州市'],
      ['361100', '上饶市'],
    ].map(([code, name]) => ({ code: code!, name: name! }));
  }
  if (nodeCode === '360100') {
    return [
      ['360102', '东湖区'],
      ['360103', '西湖区'],
      ['360104', '青云谱区'],
      ['360111', '青山湖区'],
      ['360112', '新建区'],
      ['360113', '红谷滩区'],
      ['360121', '南昌县'],
      ['360123', '安义县'],
      ['360124', '进贤县'],
    ].map(([code, name]) => ({ code: code!, name: name! }));
  }
  return [{ code: /^\d{6}$/.test(nodeCode) ? nodeCode : '100000', name: '本级' }];
}

export interface OpenSampleDataset {
  department: DemoDepartmentKind;
  /** What the dataset is about (e.g. 公共图书馆); synthetic names are made from it. */
  subject: string;
  table: string;
  /** CREATE TABLE and INSERT … SELECT of its synthetic rows (the `regions` CTE comes from the seeder). */
  columns: FormSpec['columns'];
  rows: number;
  content: Omit<EntryContentInput, 'regionCode'>;
}

/** The open sample catalog of a node whose platform is named `platform` (e.g. 南昌市). */
export function openSampleDatasets(platform: string): OpenSampleDataset[] {
  const datasets: OpenSampleDataset[] = [];
  DOMAINS.forEach((d, di) =>
    d.subjects.forEach((subject, si) =>
      FORMS.forEach((form, fi) => {
        const n = datasets.length;
        const conditional = n % 8 === 7;
        datasets.push({
          department: d.department,
          subject,
          table: `open_sample_${di}_${si}_${fi}`,
          columns: form.columns,
          rows: 60 + ((n * 29) % 240),
          content: {
            name: `${subject}${form.suffix}`,
            abstract: form.abstract(subject, platform),
            classificationCode: d.classificationCode,
            grade: { category: 'general', level: conditional ? 2 : 1 },
            sharing: { type: 'unconditional', methods: ['platform'] },
            open: conditional
              ? { type: 'conditional', conditions: '实名注册并说明用途，经提供部门审核后获取。' }
              : { type: 'unconditional' },
            format: { category: 'database', detail: 'PostgreSQL' },
            updateCycle: form.updateCycle,
            items: form.columns.map((c) => c.item),
            tags: [OPEN_SAMPLE_TAG, d.domain, subject],
            relatedCodes: [],
          },
        });
      }),
    ),
  );
  return datasets;
}
