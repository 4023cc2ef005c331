import { usccCheckDigit } from '@govdata/codes';
import type { Deployment, EntryContentInput } from '@govdata/catalog-feature';
import {
  demoAddress,
  demoCounties,
  demoPeople,
  DemoRandom,
  DEMO_REFERENCE_DATE,
  type DemoCounty,
  type DemoPerson,
} from './demo-people.js';

/**
 * The demo catalog (演示目录): what the departments of the demo nodes would register — their
 * 政务信息系统, their data resources with items, and sample source tables to mount. Pure data: the
 * demo seeder instantiates each department's templates once per organisation of that kind on each
 * node, puts the node's region into the content and resolves system names to system ids.
 *
 * Everything here is invented (names, codes, figures), shaped like the real thing. A few resources
 * are registered by two departments on purpose, so the 一数一源 check has something to show: the
 * data authority's 人口综合库 and 法人综合库 copy the public-security and market-regulation
 * registers, human resources keeps its own 参保人员基本信息, and medical insurance registers
 * enrolment as human resources does.
 */

/** The kinds of department the demo nodes have (one demo organisation is of one kind). */
export type DemoDepartmentKind =
  | 'public-security'
  | 'market-regulation'
  | 'human-resources'
  | 'medical-insurance'
  | 'natural-resources'
  | 'housing-fund'
  | 'data-authority';

export const DEMO_DEPARTMENT_KINDS: readonly DemoDepartmentKind[] = [
  'public-security',
  'market-regulation',
  'human-resources',
  'medical-insurance',
  'natural-resources',
  'housing-fund',
  'data-authority',
];

/**
 * Which kind of department an organisation is, by the words of its name (traditional or simplified
 * characters). Order matters: 住房公积金管理中心 before anything else, 医疗保障 before 社会保障.
 */
const KIND_BY_NAME: ReadonlyArray<readonly [DemoDepartmentKind, RegExp]> = [
  ['housing-fund', /公积金|公积金/],
  ['medical-insurance', /医疗保障|医疗保障|医保局|医保局/],
  ['public-security', /公安/],
  ['market-regulation', /市场监督|市场监督|市场监管|市场监管|工商行政/],
  ['natural-resources', /自然资源|自然资源|国土资源|国土资源/],
  ['human-resources', /人力资源|人力资源|社会保险|社会保险|人社/],
  ['data-authority', /数据局|数据局|政务服务|政务服务|大数据|大数据|数据资源|数据资源/],
];

export function departmentKindOf(organisationName: string): DemoDepartmentKind | undefined {
  return KIND_BY_NAME.find(([, pattern]) => pattern.test(organisationName))?.[0];
}

// ---------------------------------------------------------------------------------------------
// 政务信息系统

/** 政务信息系统 of a demo department. */
export interface DemoSystem {
  name: string;
  description: string;
  deployment: Deployment;
}

export const DEMO_SYSTEMS: Record<DemoDepartmentKind, DemoSystem[]> = {
  'public-security': [
    {
      name: '人口信息管理系统',
      description: '常住人口、暂住人口登记与户籍业务办理，居民身份证受理签发，人口信息核验服务。',
      deployment: 'own-data-centre',
    },
    {
      name: '出入境管理信息系统',
      description: '普通护照、往来港澳台通行证受理审批与签发，出入境证件信息查询。',
      deployment: 'own-data-centre',
    },
    {
      name: '公安交通管理综合应用平台',
      description: '机动车和驾驶人登记、交通违法处理、道路交通事故处理等交通管理业务。',
      deployment: 'own-data-centre',
    },
  ],
  'market-regulation': [
    {
      name: '市场主体登记系统',
      description: '企业、个体工商户、农民专业合作社设立、变更、注销登记全程电子化办理。',
      deployment: 'gov-cloud',
    },
    {
      name: '企业信用信息公示系统',
      description: '市场主体登记备案、年度报告、行政处罚、经营异常名录和严重违法失信名单公示。',
      deployment: 'gov-cloud',
    },
    {
      name: '市场监管综合业务平台',
      description: '食品生产经营许可、特种设备、计量、价格监测、投诉举报和行政执法业务。',
      deployment: 'gov-cloud',
    },
  ],
  'human-resources': [
    {
      name: '社会保险经办系统',
      description: '养老、失业、工伤保险参保登记、缴费核定、待遇核发和关系转移接续。',
      deployment: 'gov-cloud',
    },
    {
      name: '就业创业公共服务信息系统',
      description: '就业失业登记、职业介绍、职业技能评价和劳动人事争议调解仲裁。',
      deployment: 'gov-cloud',
    },
    {
      name: '社会保障卡管理信息系统',
      description: '社会保障卡申领、制发、挂失、补换和电子社保卡签发。',
      deployment: 'hosted',
    },
  ],
  'medical-insurance': [
    {
      name: '医保信息平台',
      description: '全国统一医疗保障信息平台本地部署：参保登记、定点医药机构结算、异地就医和待遇管理。',
      deployment: 'gov-cloud',
    },
    {
      name: '医保基金智能监管系统',
      description: '医保基金使用事前提醒、事中审核、事后监管及违法违规行为处理。',
      deployment: 'gov-cloud',
    },
    {
      name: '医药集中采购平台',
      description: '药品和医用耗材集中带量采购、挂网、价格监测。',
      deployment: 'gov-cloud',
    },
  ],
  'natural-resources': [
    {
      name: '不动产登记信息管理平台',
      description: '不动产首次、转移、变更、抵押、查封、预告登记业务办理与登记簿管理。',
      deployment: 'gov-cloud',
    },
    {
      name: '国土空间基础信息平台',
      description: '国土调查、国土空间规划、永久基本农田、地质灾害等空间数据的汇聚与“一张图”应用。',
      deployment: 'own-data-centre',
    },
    {
      name: '自然资源业务审批系统',
      description: '建设用地审批、土地供应、规划许可、矿业权审批等业务办理。',
      deployment: 'gov-cloud',
    },
  ],
  'housing-fund': [
    {
      name: '住房公积金综合服务平台',
      description: '网上业务大厅、手机公积金、12329热线等服务渠道的统一接入。',
      deployment: 'gov-cloud',
    },
    {
      name: '住房公积金业务管理系统',
      description: '归集、提取、个人住房贷款、资金和财务核算等核心业务。',
      deployment: 'own-data-centre',
    },
    {
      name: '12329服务热线系统',
      description: '住房公积金12329热线和短信服务，工单受理、流转与回访。',
      deployment: 'hosted',
    },
  ],
  'data-authority': [
    {
      name: '政务数据共享交换平台',
      description: '人口、法人等基础库的汇聚治理，部门间数据共享申请、审核与接口调用。',
      deployment: 'gov-cloud',
    },
    {
      name: '一体化政务服务平台',
      description: '政务服务事项管理、网上办事、办件汇聚和“好差评”评价。',
      deployment: 'gov-cloud',
    },
    {
      name: '12345政务服务便民热线系统',
      description: '12345热线诉求受理、派单、办理、回访和知识库。',
      deployment: 'gov-cloud',
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Entry templates

/** The region code the seeder replaces with the node's own (deliberately not a valid division). */
export const DEMO_REGION_PLACEHOLDER = '000000';

export type DemoEntryState = 'published' | 'draft' | 'submitted' | 'returned';

/** A data resource as a demo department registers it. */
export interface DemoEntryTemplate {
  department: DemoDepartmentKind;
  /** A {@link DEMO_SYSTEMS} name of the same department — the system the data comes from. */
  system?: string;
  /** The entry's content, its `regionCode` being {@link DEMO_REGION_PLACEHOLDER}. */
  content: EntryContentInput;
  /** Key of the {@link DEMO_SAMPLE_TABLES} table to mount to the entry. */
  sampleTable?: string;
  /** Where the seeder leaves the entry; published when absent. */
  state?: DemoEntryState;
  /**
   * Which organisation registers it where a node has several of the kind (a ministry and its
   * centres): a pattern of that organisation's name. See {@link demoTemplatesFor}.
   */
  owner?: RegExp;
}

/** The template's content for a node of the given region. */
export function demoEntryContent(template: DemoEntryTemplate, regionCode: string): EntryContentInput {
  return { ...template.content, regionCode };
}

type DemoItem = EntryContentInput['items'][number];

/**
 * 数据元 identifiers shared by every department (in the style of GA/T 543 公安数据元: DE + five
 * digits; demo identifiers, not checked against the standard). Items that carry the same one are
 * the same data whatever their name — which is how 社会保障号码 meets 公民身份号码.
 */
const DE = {
  residentId: 'DE00001',
  name: 'DE00002',
  ethnicity: 'DE00003',
  gender: 'DE00007',
  birthDate: 'DE00008',
  address: 'DE00010',
  phone: 'DE00216',
  uscc: 'DE00060',
  enterpriseName: 'DE00061',
  legalRepresentative: 'DE00062',
  realEstateUnit: 'DE00300',
} as const;

const withElement = (item: DemoItem, dataElement?: string): DemoItem => (dataElement ? { ...item, dataElement } : item);
/** 字符型 */
const C = (name: string, length: number, dataElement?: string) =>
  withElement({ name, dataType: 'C', length }, dataElement);
/** 数值型 */
const N = (name: string, length: number): DemoItem => ({ name, dataType: 'N', length });
/** 货币型 */
const Y = (name: string, length = 16): DemoItem => ({ name, dataType: 'Y', length });
/** 日期型 */
const D = (name: string, dataElement?: string) => withElement({ name, dataType: 'D' }, dataElement);
/** 日期时间型 */
const T = (name: string): DemoItem => ({ name, dataType: 'T' });
/** 逻辑型 */
const L = (name: string): DemoItem => ({ name, dataType: 'L' });
/** 备注型 */
const M = (name: string): DemoItem => ({ name, dataType: 'M' });
/** 整型 */
const I = (name: string): DemoItem => ({ name, dataType: 'I' });
/** 浮点型 */
const F = (name: string): DemoItem => ({ name, dataType: 'F' });

const NAME = C('姓名', 50, DE.name);
const RESIDENT_ID = C('公民身份号码', 18, DE.residentId);
const GENDER = C('性别', 1, DE.gender);
const ETHNICITY = C('民族', 2, DE.ethnicity);
const BIRTH_DATE = D('出生日期', DE.birthDate);
const HOUSEHOLD_ADDRESS = C('户籍地址', 200, DE.address);
const PHONE = C('联系电话', 20, DE.phone);
const USCC = C('统一社会信用代码', 18, DE.uscc);
const ENTERPRISE_NAME = C('企业名称', 200, DE.enterpriseName);
const LEGAL_REPRESENTATIVE = C('法定代表人', 50, DE.legalRepresentative);
const REAL_ESTATE_UNIT = C('不动产单元号', 28, DE.realEstateUnit);

// Sharing and opening as the departments word them.
type Sharing = EntryContentInput['sharing'];
type Open = EntryContentInput['open'];
const SHARED: Sharing = { type: 'unconditional', methods: ['platform'] };
const sharedOn = (conditions: string, methods: Sharing['methods'] = ['platform']): Sharing => ({
  type: 'conditional',
  conditions,
  methods,
});
const notShared = (legalBasis: string): Sharing => ({ type: 'none', legalBasis });
const OPEN: Open = { type: 'unconditional' };
const NOT_OPEN: Open = { type: 'none' };
const openOn = (conditions: string): Open => ({ type: 'conditional', conditions });

const FOR_DUTIES =
  '限政务部门因依法履行职责需要使用，经共享平台申请并经提供方审核同意；使用方须落实个人信息保护措施，不得向第三方提供或用于其他用途。';
const IDENTITY_CHECK =
  '政务部门办理政务服务事项或履行法定职责时使用；优先以身份核验（返回一致/不一致）方式提供，批量共享须经提供方和数据主管部门审核。';
const FOR_SUPERVISION = '限相关业务主管部门办理行政审批、监管执法时使用，经提供方审核后通过共享平台接口获取。';
const FOR_AUTHORITIES = '限人民法院、人民检察院、公安机关等有权机关依法查询，须出具协助查询文书，经提供方审核后提供。';
const FOR_HOUSING_ETC =
  '住房保障、公积金、税务、民政等部门办理相关业务时使用，须经提供方审核同意，以接口查询方式提供。';
const OPEN_ON_APPLICATION =
  '通过公共数据开放平台实名申请，签订数据使用协议后以接口方式获取，不得用于商业营销和个人画像。';
const OPEN_AGGREGATED = '以统计汇总或脱敏形式开放：申请人实名注册并说明用途，经提供方审核后获取。';

const DB = (detail = 'PostgreSQL') => ({ category: 'database' as const, detail });
const API = (detail = 'RESTful JSON') => ({ category: 'api' as const, detail });
const SHEET = { category: 'spreadsheet' as const, detail: 'xlsx' };
const FILE = { category: 'electronic-file' as const, detail: 'PDF' };

type TemplateSpec = Omit<EntryContentInput, 'regionCode'> & Omit<DemoEntryTemplate, 'department' | 'content'>;

function templates(department: DemoDepartmentKind, specs: TemplateSpec[]): DemoEntryTemplate[] {
  return specs.map(({ system, sampleTable, state, owner, ...content }) => ({
    department,
    ...(system !== undefined && { system }),
    ...(sampleTable !== undefined && { sampleTable }),
    ...(state !== undefined && { state }),
    ...(owner !== undefined && { owner }),
    content: { ...content, regionCode: DEMO_REGION_PLACEHOLDER },
  }));
}

const PUBLIC_SECURITY = templates('public-security', [
  {
    name: '人口基本信息',
    abstract:
      '辖区内常住户籍人口的基本身份信息，包括姓名、公民身份号码、性别、民族、出生日期、户籍地址等，是人口基础库的权威来源。',
    classificationCode: '101001',
    grade: { category: 'important' },
    sharing: sharedOn(IDENTITY_CHECK, ['platform']),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      NAME,
      RESIDENT_ID,
      GENDER,
      ETHNICITY,
      BIRTH_DATE,
      C('出生地', 200),
      C('籍贯', 100),
      HOUSEHOLD_ADDRESS,
      C('文化程度', 2),
      C('婚姻状况', 2),
      PHONE,
      D('登记日期'),
    ],
    tags: ['人口', '基础库', '身份核验'],
    system: '人口信息管理系统',
    sampleTable: 'population',
  },
  {
    name: '常住人口户籍登记信息',
    abstract: '常住人口登记表及户口簿信息：户号、户别、户主及与户主关系、户口登记机关等。',
    classificationCode: '101002',
    grade: { category: 'important' },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('户号', 9),
      C('户别', 1),
      C('户主姓名', 50),
      C('与户主关系', 2),
      NAME,
      RESIDENT_ID,
      HOUSEHOLD_ADDRESS,
      C('户口登记机关', 100),
      D('登记日期'),
    ],
    tags: ['人口', '户籍'],
    system: '人口信息管理系统',
  },
  {
    name: '户口迁移登记信息',
    abstract: '户口迁入、迁出登记记录，含迁移类型、迁出地与迁入地、迁移原因和准予迁入证明。',
    classificationCode: '101002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      NAME,
      RESIDENT_ID,
      C('迁移类型', 2),
      C('迁出地详址', 200),
      C('迁入地详址', 200),
      C('迁移原因', 2),
      C('准予迁入证明编号', 20),
      D('迁移日期'),
      C('承办单位', 100),
    ],
    tags: ['户籍', '迁移'],
    system: '人口信息管理系统',
  },
  {
    name: '出生登记信息',
    abstract:
      '新生儿出生申报户口登记信息，含出生医学证明编号和父母身份信息，供卫健、医保、教育等部门办理“出生一件事”。',
    classificationCode: '101002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'daily',
    items: [
      C('新生儿姓名', 50),
      C('新生儿性别', 1),
      D('新生儿出生日期'),
      C('出生医学证明编号', 10),
      C('出生地', 200),
      C('父亲公民身份号码', 18),
      C('母亲公民身份号码', 18),
      C('申报人姓名', 50),
      D('申报日期'),
      C('落户地址', 200),
    ],
    tags: ['出生一件事', '户籍'],
    system: '人口信息管理系统',
  },
  {
    name: '死亡注销户口信息',
    abstract: '因死亡注销户口的登记信息，供人社、医保、民政等部门及时停发待遇、终止参保。',
    classificationCode: '101002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'daily',
    items: [
      NAME,
      RESIDENT_ID,
      D('死亡日期'),
      C('死亡原因类别', 2),
      C('死亡证明编号', 20),
      D('注销日期'),
      C('注销机关', 100),
    ],
    tags: ['户籍', '待遇核查'],
    system: '人口信息管理系统',
  },
  {
    name: '居民身份证签发信息',
    abstract: '居民身份证受理、签发和有效期信息，提供身份证件有效性核验。',
    classificationCode: '105001',
    grade: { category: 'important' },
    sharing: sharedOn(IDENTITY_CHECK),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'realtime',
    items: [
      NAME,
      RESIDENT_ID,
      C('签发机关', 100),
      D('有效期起始日期'),
      D('有效期截止日期'),
      C('证件状态', 2),
      C('申领原因', 2),
      D('受理日期'),
    ],
    tags: ['电子证照', '身份证'],
    system: '人口信息管理系统',
  },
  {
    name: '居住证信息',
    abstract: '居住证申领、签发和签注信息，用于非户籍人口享受基本公共服务。',
    classificationCode: '105001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('居住证编号', 20),
      NAME,
      RESIDENT_ID,
      C('居住地址', 200),
      C('居住事由', 2),
      D('签发日期'),
      D('有效期截止日期'),
      I('签注次数'),
    ],
    tags: ['居住证', '流动人口'],
    system: '人口信息管理系统',
  },
  {
    name: '流动人口居住登记信息',
    abstract: '来本地居住半年以下流动人口的居住登记，含现居住地址、房东和所属社区，服务基层社会治理。',
    classificationCode: '210',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'weekly',
    items: [
      NAME,
      RESIDENT_ID,
      HOUSEHOLD_ADDRESS,
      C('现居住地址', 200),
      D('来本地日期'),
      C('居住事由', 2),
      C('房东姓名', 50),
      D('居住登记日期'),
      C('所属社区', 100),
    ],
    tags: ['流动人口', '社区治理'],
    system: '人口信息管理系统',
    state: 'submitted',
  },
  {
    name: '出入境证件签发信息',
    abstract: '普通护照、往来港澳通行证、往来台湾通行证的签发和有效状态。',
    classificationCode: '105001',
    grade: { category: 'important' },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'daily',
    items: [
      NAME,
      RESIDENT_ID,
      C('证件种类', 2),
      C('证件号码', 20),
      D('签发日期'),
      D('有效期至'),
      C('签发机关', 100),
      C('证件状态', 2),
    ],
    tags: ['出入境', '电子证照'],
    system: '出入境管理信息系统',
  },
  {
    name: '机动车登记信息',
    abstract: '机动车注册、转移、变更、抵押和注销登记信息，含号牌、车辆识别代号、所有人和检验有效期。',
    classificationCode: '105001',
    grade: { category: 'general', level: 2 },
    sharing: sharedOn(FOR_SUPERVISION),
    open: NOT_OPEN,
    format: DB('Oracle'),
    updateCycle: 'daily',
    items: [
      C('号牌号码', 15),
      C('号牌种类', 2),
      C('车辆识别代号', 17),
      C('车辆品牌', 50),
      C('车辆类型', 3),
      C('使用性质', 2),
      C('所有人名称', 200),
      C('所有人证件号码', 30),
      D('初次登记日期'),
      C('机动车状态', 10),
      D('检验有效期止'),
    ],
    tags: ['交通管理', '机动车'],
    system: '公安交通管理综合应用平台',
  },
  {
    name: '机动车驾驶证信息',
    abstract: '机动车驾驶人的准驾车型、领证日期、记分和驾驶证状态。',
    classificationCode: '105001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'daily',
    items: [
      C('驾驶证号', 18),
      NAME,
      C('准驾车型', 15),
      D('初次领证日期'),
      D('有效期起始日期'),
      D('有效期截止日期'),
      I('累积记分'),
      C('驾驶证状态', 10),
      C('发证机关', 100),
    ],
    tags: ['交通管理', '驾驶证'],
    system: '公安交通管理综合应用平台',
  },
  {
    name: '道路交通事故信息',
    abstract: '道路交通事故发生时间、地点、形态、伤亡和财产损失，汇总数据可申请开放用于交通安全研究。',
    classificationCode: '205',
    grade: { category: 'general', level: 2 },
    sharing: sharedOn(FOR_SUPERVISION),
    open: openOn(OPEN_AGGREGATED),
    format: DB('Oracle'),
    updateCycle: 'monthly',
    items: [
      C('事故编号', 30),
      T('事故发生时间'),
      C('事故地点', 200),
      C('事故形态', 2),
      C('天气', 2),
      I('死亡人数'),
      I('受伤人数'),
      Y('直接财产损失'),
      C('事故认定原因', 200),
      C('处理机关', 100),
    ],
    tags: ['交通安全', '事故'],
    system: '公安交通管理综合应用平台',
  },
  {
    name: '道路交通违法信息',
    abstract: '机动车交通违法记录，含违法时间、地点、行为代码、记分和罚款，供运输管理和信用评价使用。',
    classificationCode: '208',
    grade: { category: 'general', level: 2 },
    sharing: sharedOn(FOR_SUPERVISION),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'realtime',
    items: [
      C('违法编号', 30),
      C('号牌号码', 15),
      T('违法时间'),
      C('违法地点', 200),
      C('违法行为代码', 5),
      I('违法记分'),
      Y('罚款金额', 12),
      C('处理状态', 2),
      C('采集机关', 100),
    ],
    tags: ['交通管理', '信用'],
    system: '公安交通管理综合应用平台',
  },
  {
    name: '无犯罪记录证明开具信息',
    abstract: '无犯罪记录证明的开具记录，用于求职、入学、出国等场景的证明核验。',
    classificationCode: '105001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(IDENTITY_CHECK),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'daily',
    items: [
      C('证明编号', 30),
      NAME,
      RESIDENT_ID,
      C('开具用途', 100),
      C('查询结果', 200),
      D('开具日期'),
      C('开具机关', 100),
    ],
    tags: ['证明', '电子证照'],
    system: '人口信息管理系统',
  },
  {
    name: '犯罪人员信息',
    abstract: '经人民法院生效判决认定有罪人员的判决和刑罚执行信息。',
    classificationCode: '212',
    grade: { category: 'core' },
    sharing: notShared(
      '《中华人民共和国刑事诉讼法》第二百八十六条（犯罪记录封存）及《公安机关办理犯罪记录查询工作规定》：犯罪记录仅依法定程序查询，不通过共享平台提供。',
    ),
    open: NOT_OPEN,
    format: DB('Oracle'),
    updateCycle: 'daily',
    items: [
      NAME,
      RESIDENT_ID,
      C('案件编号', 30),
      C('罪名', 100),
      C('判决法院', 100),
      D('判决日期'),
      C('刑罚种类', 2),
      C('刑期', 50),
      D('刑满释放日期'),
    ],
    tags: ['刑事', '敏感'],
  },
  {
    name: '旅馆业住宿登记信息',
    abstract: '旅馆业经营单位上传的旅客入住和退房登记信息。',
    classificationCode: '210',
    grade: { category: 'important' },
    sharing: sharedOn('限公安机关、国家安全机关依法开展调查时查询，须经提供方审批。'),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'realtime',
    items: [
      C('旅馆名称', 200),
      C('旅馆统一社会信用代码', 18),
      C('旅客姓名', 50),
      C('旅客证件号码', 30),
      T('入住时间'),
      T('退房时间'),
      C('房间号', 10),
    ],
    tags: ['治安管理', '旅馆业'],
  },
  {
    name: '保安服务许可证信息',
    abstract: '保安服务公司许可证核发信息，向社会公开。',
    classificationCode: '105001',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: SHEET,
    updateCycle: 'quarterly',
    items: [
      C('许可证编号', 30),
      C('保安服务公司名称', 200),
      USCC,
      LEGAL_REPRESENTATIVE,
      C('服务范围', 500),
      Y('注册资本', 18),
      D('发证日期'),
      C('发证机关', 100),
    ],
    tags: ['行政许可', '保安服务'],
    state: 'draft',
  },
  {
    name: '户籍人口统计信息',
    abstract: '按行政区划和年度汇总的户数、户籍人口、性别构成和出生、死亡、迁移人数。',
    classificationCode: '101',
    grade: { category: 'general', level: 1 },
    sharing: { type: 'unconditional', methods: ['platform', 'email'] },
    open: OPEN,
    format: SHEET,
    updateCycle: 'yearly',
    items: [
      C('统计年度', 4),
      C('行政区划代码', 6),
      C('行政区划名称', 100),
      I('户数'),
      I('户籍人口数'),
      I('男性人口数'),
      I('女性人口数'),
      I('出生人口数'),
      I('死亡人口数'),
      I('迁入人口数'),
      I('迁出人口数'),
    ],
    tags: ['人口', '统计'],
  },
]);

const MARKET_REGULATION = templates('market-regulation', [
  {
    name: '企业登记信息',
    abstract:
      '企业设立登记的基本信息：统一社会信用代码、名称、类型、法定代表人、注册资本、成立日期、住所、经营范围和登记状态，是法人基础库的权威来源。',
    classificationCode: '102002',
    grade: { category: 'general', level: 1 },
    sharing: { type: 'unconditional', methods: ['platform', 'media'] },
    open: OPEN,
    format: DB(),
    updateCycle: 'realtime',
    items: [
      USCC,
      ENTERPRISE_NAME,
      C('企业类型', 100),
      LEGAL_REPRESENTATIVE,
      Y('注册资本', 18),
      D('成立日期'),
      D('营业期限自'),
      D('营业期限至'),
      C('住所', 300),
      M('经营范围'),
      C('登记机关', 100),
      D('核准日期'),
      C('登记状态', 20),
    ],
    tags: ['法人', '基础库', '企业'],
    system: '市场主体登记系统',
    sampleTable: 'enterprise',
  },
  {
    name: '个体工商户登记信息',
    abstract: '个体工商户注册登记信息，经营者身份信息仅共享不开放。',
    classificationCode: '102002',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: openOn('开放名称、经营场所、经营范围和登记状态；经营者身份证件号码不予开放。'),
    format: DB(),
    updateCycle: 'daily',
    items: [
      USCC,
      C('个体工商户名称', 200),
      C('经营者姓名', 50),
      C('经营者公民身份号码', 18),
      C('组成形式', 20),
      Y('资金数额', 18),
      C('经营场所', 300),
      M('经营范围'),
      D('注册日期'),
      C('登记机关', 100),
      C('登记状态', 20),
    ],
    tags: ['个体工商户', '市场主体'],
    system: '市场主体登记系统',
  },
  {
    name: '农民专业合作社登记信息',
    abstract: '农民专业合作社（联合社）设立登记信息，含成员出资总额和成员人数。',
    classificationCode: '102002',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      USCC,
      C('合作社名称', 200),
      LEGAL_REPRESENTATIVE,
      Y('成员出资总额', 18),
      I('成员人数'),
      D('成立日期'),
      C('住所', 300),
      M('业务范围'),
      C('登记机关', 100),
      C('登记状态', 20),
    ],
    tags: ['合作社', '市场主体', '乡村振兴'],
    system: '市场主体登记系统',
  },
  {
    name: '企业变更登记信息',
    abstract: '企业名称、住所、法定代表人、注册资本、经营范围等登记事项的变更记录。',
    classificationCode: '102002',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: API(),
    updateCycle: 'realtime',
    items: [
      USCC,
      ENTERPRISE_NAME,
      C('变更事项', 100),
      M('变更前内容'),
      M('变更后内容'),
      D('变更日期'),
      C('登记机关', 100),
    ],
    tags: ['企业', '变更登记'],
    system: '市场主体登记系统',
  },
  {
    name: '企业注销登记信息',
    abstract: '企业简易注销和普通注销登记信息，供税务、人社、公积金等部门同步办理注销。',
    classificationCode: '102002',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: API(),
    updateCycle: 'daily',
    items: [
      USCC,
      ENTERPRISE_NAME,
      C('注销原因', 100),
      C('注销方式', 20),
      C('清算组负责人', 50),
      D('注销日期'),
      C('登记机关', 100),
    ],
    tags: ['企业', '注销', '一件事'],
    system: '市场主体登记系统',
    state: 'submitted',
  },
  {
    name: '企业股东及出资信息',
    abstract: '有限责任公司股东（发起人）名称、认缴和实缴出资额、出资方式与期限。',
    classificationCode: '102002',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: openOn(OPEN_ON_APPLICATION),
    format: DB(),
    updateCycle: 'daily',
    items: [
      USCC,
      ENTERPRISE_NAME,
      C('股东名称', 200),
      C('股东类型', 20),
      C('股东证件号码', 30),
      Y('认缴出资额', 18),
      D('认缴出资日期'),
      Y('实缴出资额', 18),
      C('出资方式', 50),
    ],
    tags: ['企业', '股东'],
    system: '市场主体登记系统',
  },
  {
    name: '企业主要人员信息',
    abstract: '企业董事、监事、经理等主要人员的姓名、职务和证件信息。',
    classificationCode: '102002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_SUPERVISION),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      USCC,
      ENTERPRISE_NAME,
      C('人员姓名', 50),
      C('职务', 50),
      C('证件类型', 20),
      C('证件号码', 30),
      D('任职日期'),
    ],
    tags: ['企业', '高管'],
    system: '市场主体登记系统',
  },
  {
    name: '企业年度报告信息',
    abstract: '企业通过公示系统报送的年度报告，含从业人数、资产、营业收入和纳税情况。',
    classificationCode: '102002',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'yearly',
    items: [
      USCC,
      ENTERPRISE_NAME,
      C('报告年度', 4),
      I('从业人数'),
      Y('资产总额', 18),
      Y('营业总收入', 18),
      Y('纳税总额', 18),
      C('企业通信地址', 300),
      PHONE,
      D('公示日期'),
    ],
    tags: ['年报', '信用公示'],
    system: '企业信用信息公示系统',
  },
  {
    name: '经营异常名录信息',
    abstract: '列入和移出经营异常名录的市场主体、原因和作出决定机关。',
    classificationCode: '104002',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: API(),
    updateCycle: 'daily',
    items: [
      USCC,
      ENTERPRISE_NAME,
      C('列入经营异常名录原因', 200),
      D('列入日期'),
      C('作出决定机关', 100),
      C('移出经营异常名录原因', 200),
      D('移出日期'),
    ],
    tags: ['信用', '联合惩戒'],
    system: '企业信用信息公示系统',
  },
  {
    name: '严重违法失信主体名单信息',
    abstract: '列入市场监督管理严重违法失信名单的主体、事由和决定文书。',
    classificationCode: '104002',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: API(),
    updateCycle: 'daily',
    items: [
      USCC,
      C('主体名称', 200),
      LEGAL_REPRESENTATIVE,
      C('列入事由', 500),
      D('列入日期'),
      C('决定文书号', 100),
      C('作出决定机关', 100),
      D('移出日期'),
    ],
    tags: ['信用', '失信惩戒'],
    system: '企业信用信息公示系统',
  },
  {
    name: '市场监管行政处罚信息',
    abstract: '市场监管部门作出的行政处罚决定，按《市场监督管理行政处罚信息公示规定》公示。',
    classificationCode: '104002',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('行政处罚决定书文号', 100),
      C('当事人名称', 200),
      USCC,
      C('违法行为类型', 200),
      M('违法事实'),
      M('处罚依据'),
      M('处罚内容'),
      Y('罚没款金额', 18),
      D('处罚决定日期'),
      C('处罚机关', 100),
    ],
    tags: ['行政处罚', '双公示'],
    system: '市场监管综合业务平台',
  },
  {
    name: '食品生产许可证信息',
    abstract: '食品、食品添加剂生产许可证的核发、变更、延续和注销信息。',
    classificationCode: '204001',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('许可证编号', 16),
      C('生产者名称', 200),
      USCC,
      LEGAL_REPRESENTATIVE,
      C('住所', 300),
      C('生产地址', 300),
      C('食品类别', 200),
      D('发证日期'),
      D('有效期至'),
      C('发证机关', 100),
    ],
    tags: ['食品安全', '行政许可'],
    system: '市场监管综合业务平台',
  },
  {
    name: '食品经营许可证信息',
    abstract: '食品经营者的许可证核发信息，含主体业态和经营项目。',
    classificationCode: '204001',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('许可证编号', 16),
      C('经营者名称', 200),
      USCC,
      C('负责人', 50),
      C('经营场所', 300),
      C('主体业态', 50),
      M('经营项目'),
      D('发证日期'),
      D('有效期至'),
      C('发证机关', 100),
    ],
    tags: ['食品安全', '行政许可'],
    system: '市场监管综合业务平台',
  },
  {
    name: '特种设备使用登记信息',
    abstract: '锅炉、压力容器、电梯、起重机械等特种设备的使用登记和定期检验信息。',
    classificationCode: '205',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: openOn(OPEN_ON_APPLICATION),
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('使用登记证编号', 30),
      C('设备种类', 50),
      C('设备代码', 30),
      C('使用单位名称', 200),
      USCC,
      C('设备使用地点', 300),
      D('下次检验日期'),
      D('使用登记日期'),
      C('设备状态', 10),
    ],
    tags: ['特种设备', '安全生产'],
    system: '市场监管综合业务平台',
  },
  {
    name: '工业产品生产许可证信息',
    abstract: '实行生产许可证管理的重要工业产品获证企业名单。',
    classificationCode: '105001',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: SHEET,
    updateCycle: 'monthly',
    items: [
      C('证书编号', 30),
      ENTERPRISE_NAME,
      USCC,
      C('产品名称', 200),
      C('住所', 300),
      C('生产地址', 300),
      D('发证日期'),
      D('有效期至'),
      C('发证机关', 100),
    ],
    tags: ['行政许可', '产品质量'],
  },
  {
    name: '重要商品价格监测信息',
    abstract: '粮油、肉禽蛋、蔬菜等重要民生商品监测点的周价格和环比变化。',
    classificationCode: '206',
    grade: { category: 'general', level: 1 },
    sharing: { type: 'unconditional', methods: ['platform', 'email'] },
    open: OPEN,
    format: SHEET,
    updateCycle: 'weekly',
    items: [
      D('监测日期'),
      C('监测点名称', 200),
      C('商品名称', 100),
      C('规格等级', 100),
      C('计量单位', 10),
      Y('本期价格', 10),
      Y('上期价格', 10),
      F('环比'),
    ],
    tags: ['价格监测', '民生'],
    system: '市场监管综合业务平台',
  },
  {
    name: '消费投诉举报信息',
    abstract: '12315平台受理的消费者投诉和举报，含被投诉主体、投诉类别和处理结果。',
    classificationCode: '201',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_SUPERVISION),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('登记编号', 30),
      C('投诉人姓名', 50),
      C('投诉人联系电话', 20),
      C('被投诉主体名称', 200),
      C('被投诉主体统一社会信用代码', 18),
      C('投诉类别', 50),
      M('投诉内容'),
      T('登记时间'),
      M('处理结果'),
      D('办结日期'),
    ],
    tags: ['12315', '消费维权'],
    system: '市场监管综合业务平台',
    state: 'returned',
  },
]);

/** Owners of human-resources resources where a ministry node has its centres as organisations. */
const SOCIAL_INSURANCE_AGENCY = /社会保险事业管理中心|社会保险事业管理中心|社保中心/;
const INFORMATION_CENTRE = /信息中心/;

const HUMAN_RESOURCES = templates('human-resources', [
  {
    name: '社会保险参保信息',
    owner: SOCIAL_INSURANCE_AGENCY,
    abstract: '职工养老、失业、工伤保险参保登记信息：险种、参保状态、首次参保日期、参保单位和缴费基数。',
    classificationCode: '203001',
    grade: { category: 'important' },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'realtime',
    items: [
      C('个人编号', 20),
      NAME,
      RESIDENT_ID,
      C('险种类型', 3),
      C('参保状态', 2),
      D('首次参保日期'),
      D('本次参保日期'),
      C('参保单位名称', 200),
      C('参保单位统一社会信用代码', 18),
      Y('缴费基数', 12),
      I('累计缴费月数'),
      C('参保地行政区划代码', 6),
    ],
    tags: ['社保', '参保', '养老保险'],
    system: '社会保险经办系统',
    sampleTable: 'social-insurance',
  },
  {
    name: '参保人员基本信息',
    owner: SOCIAL_INSURANCE_AGENCY,
    abstract: '社会保险经办机构登记的参保人员身份信息（以社会保障号码标识），用于参保登记和待遇发放。',
    classificationCode: '203001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      NAME,
      C('社会保障号码', 18, DE.residentId),
      GENDER,
      ETHNICITY,
      BIRTH_DATE,
      HOUSEHOLD_ADDRESS,
      PHONE,
      D('参加工作日期'),
    ],
    tags: ['社保', '人员'],
    system: '社会保险经办系统',
  },
  {
    name: '参保单位信息',
    owner: SOCIAL_INSURANCE_AGENCY,
    abstract: '参加社会保险的用人单位登记信息，含参保险种、参保人数和缴费状态。',
    classificationCode: '203001',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('单位编号', 20),
      C('单位名称', 200),
      USCC,
      C('单位类型', 3),
      LEGAL_REPRESENTATIVE,
      C('单位地址', 300),
      C('参保险种', 100),
      I('参保人数'),
      C('缴费状态', 2),
      C('经办机构', 100),
      D('单位首次参保日期'),
    ],
    tags: ['社保', '用人单位'],
    system: '社会保险经办系统',
  },
  {
    name: '养老保险缴费信息',
    owner: SOCIAL_INSURANCE_AGENCY,
    abstract: '企业职工基本养老保险按月缴费明细，含单位和个人缴费金额及到账日期。',
    classificationCode: '203001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_HOUSING_ETC),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('个人编号', 20),
      NAME,
      RESIDENT_ID,
      C('费款所属期', 6),
      Y('缴费基数', 12),
      Y('单位缴费金额', 12),
      Y('个人缴费金额', 12),
      D('到账日期'),
      C('缴费类型', 2),
    ],
    tags: ['社保', '缴费', '养老保险'],
    system: '社会保险经办系统',
  },
  {
    name: '养老保险待遇发放信息',
    owner: SOCIAL_INSURANCE_AGENCY,
    abstract: '企业职工和机关事业单位离退休人员基本养老金核定与按月发放记录。',
    classificationCode: '203001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('个人编号', 20),
      NAME,
      RESIDENT_ID,
      C('待遇类型', 2),
      D('离退休日期'),
      Y('基本养老金', 12),
      C('发放年月', 6),
      Y('发放金额', 12),
      C('发放状态', 2),
      C('发放银行', 100),
    ],
    tags: ['社保', '待遇', '养老保险'],
    system: '社会保险经办系统',
  },
  {
    name: '城乡居民基本养老保险参保信息',
    owner: SOCIAL_INSURANCE_AGENCY,
    abstract: '城乡居民养老保险参保、缴费档次、政府补贴和待遇领取状态。',
    classificationCode: '203001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      NAME,
      RESIDENT_ID,
      C('户籍性质', 2),
      D('参保日期'),
      Y('缴费档次', 10),
      Y('政府补贴金额', 10),
      C('待遇领取状态', 2),
      C('所在村（社区）', 200),
    ],
    tags: ['社保', '城乡居民'],
    system: '社会保险经办系统',
  },
  {
    name: '失业保险金申领发放信息',
    owner: SOCIAL_INSURANCE_AGENCY,
    abstract: '失业人员申领失业保险金的核定和发放记录。',
    classificationCode: '203001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      NAME,
      RESIDENT_ID,
      D('失业日期'),
      D('申领日期'),
      I('核定领取月数'),
      Y('月发放标准', 10),
      I('已领月数'),
      C('原工作单位名称', 200),
    ],
    tags: ['失业保险', '待遇'],
    system: '社会保险经办系统',
  },
  {
    name: '工伤认定信息',
    owner: SOCIAL_INSURANCE_AGENCY,
    abstract: '职工工伤（视同工伤）认定决定，含事故时间地点、伤害部位和认定结论。',
    classificationCode: '203001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('认定决定书编号', 50),
      C('职工姓名', 50),
      RESIDENT_ID,
      C('用人单位名称', 200),
      T('事故发生时间'),
      C('事故发生地点', 200),
      C('伤害部位', 100),
      C('认定结论', 20),
      D('认定日期'),
    ],
    tags: ['工伤保险'],
    system: '社会保险经办系统',
  },
  {
    name: '劳动能力鉴定信息',
    owner: SOCIAL_INSURANCE_AGENCY,
    abstract: '工伤职工劳动能力鉴定结论，含伤残等级和生活自理障碍程度。',
    classificationCode: '203001',
    grade: { category: 'general', level: 4 },
    sharing: notShared(
      '《工伤保险条例》第二十四条、第二十九条及《中华人民共和国个人信息保护法》第二十八条：鉴定结论属个人健康敏感信息，只送达申请人和用人单位。',
    ),
    open: NOT_OPEN,
    format: SHEET,
    updateCycle: 'monthly',
    items: [
      C('鉴定结论书编号', 50),
      NAME,
      RESIDENT_ID,
      C('鉴定类别', 20),
      C('伤残等级', 10),
      C('生活自理障碍程度', 10),
      D('鉴定日期'),
      C('鉴定委员会', 100),
    ],
    tags: ['工伤保险', '劳动能力鉴定'],
  },
  {
    name: '社会保障卡持卡信息',
    owner: INFORMATION_CENTRE,
    abstract: '社会保障卡（含电子社保卡）的发卡、状态和有效期信息，支持持卡人身份核验。',
    classificationCode: '105001',
    grade: { category: 'important' },
    sharing: sharedOn(IDENTITY_CHECK),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'realtime',
    items: [
      C('社会保障卡卡号', 9),
      NAME,
      RESIDENT_ID,
      C('发卡地行政区划代码', 6),
      C('卡状态', 2),
      D('发卡日期'),
      D('卡有效期至'),
      C('金融账户开户银行', 100),
    ],
    tags: ['社保卡', '电子证照'],
    system: '社会保障卡管理信息系统',
  },
  {
    name: '就业登记信息',
    owner: INFORMATION_CENTRE,
    abstract: '劳动者就业登记信息，含就业形式、用工单位和劳动合同期限。',
    classificationCode: '201',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      NAME,
      RESIDENT_ID,
      C('就业形式', 2),
      C('用工单位名称', 200),
      C('用工单位统一社会信用代码', 18),
      D('就业日期'),
      C('劳动合同期限类型', 2),
      C('登记机构', 100),
    ],
    tags: ['就业', '稳就业'],
    system: '就业创业公共服务信息系统',
  },
  {
    name: '失业登记信息',
    owner: INFORMATION_CENTRE,
    abstract: '城镇失业人员登记信息，含失业原因、就业困难人员认定和求职意向。',
    classificationCode: '201',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      NAME,
      RESIDENT_ID,
      D('失业登记日期'),
      C('失业原因', 2),
      L('是否就业困难人员'),
      C('求职意向', 200),
      C('登记机构', 100),
      C('就业创业证编号', 20),
    ],
    tags: ['就业', '失业'],
    system: '就业创业公共服务信息系统',
  },
  {
    name: '职业资格证书信息',
    abstract: '国家职业资格证书的核发信息，经持证人授权可公开查询验证。',
    classificationCode: '105001',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: openOn('持证人授权或提供证书编号后可查询验证，不提供批量下载。'),
    format: API(),
    updateCycle: 'monthly',
    items: [
      C('证书编号', 30),
      NAME,
      RESIDENT_ID,
      C('职业资格名称', 100),
      C('资格等级', 10),
      D('发证日期'),
      C('发证机关', 100),
    ],
    tags: ['职业资格', '电子证照'],
    system: '就业创业公共服务信息系统',
  },
  {
    name: '职业技能等级证书信息',
    owner: INFORMATION_CENTRE,
    abstract: '社会培训评价组织和用人单位颁发的职业技能等级证书。',
    classificationCode: '105001',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: openOn('持证人授权或提供证书编号后可查询验证，不提供批量下载。'),
    format: API(),
    updateCycle: 'monthly',
    items: [
      C('证书编号', 30),
      NAME,
      RESIDENT_ID,
      C('职业（工种）', 100),
      C('技能等级', 10),
      C('评价机构名称', 200),
      D('发证日期'),
    ],
    tags: ['技能评价', '电子证照'],
    system: '就业创业公共服务信息系统',
  },
  {
    name: '劳动人事争议仲裁案件信息',
    abstract: '劳动人事争议仲裁委员会受理案件的立案、结案和涉案金额。',
    classificationCode: '212',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_AUTHORITIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('案件编号', 50),
      C('申请人姓名', 50),
      C('被申请人名称', 200),
      C('争议类型', 50),
      Y('涉案金额'),
      D('立案日期'),
      D('结案日期'),
      C('结案方式', 20),
      C('仲裁委员会', 100),
    ],
    tags: ['劳动仲裁'],
    system: '就业创业公共服务信息系统',
    state: 'draft',
  },
  {
    name: '拖欠农民工工资失信联合惩戒对象名单',
    abstract: '列入拖欠农民工工资失信联合惩戒对象名单的用人单位及其法定代表人。',
    classificationCode: '104002',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: SHEET,
    updateCycle: 'monthly',
    items: [
      C('单位名称', 200),
      USCC,
      LEGAL_REPRESENTATIVE,
      Y('拖欠工资金额'),
      I('涉及人数'),
      D('列入日期'),
      C('列入机关', 100),
      D('移出日期'),
    ],
    tags: ['失信惩戒', '农民工工资'],
  },
  {
    name: '人力资源服务许可信息',
    abstract: '经营性人力资源服务机构的行政许可信息。',
    classificationCode: '105001',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: SHEET,
    updateCycle: 'quarterly',
    items: [
      C('许可证编号', 30),
      C('机构名称', 200),
      USCC,
      LEGAL_REPRESENTATIVE,
      C('服务范围', 500),
      C('机构地址', 300),
      D('发证日期'),
      D('有效期至'),
    ],
    tags: ['行政许可', '人力资源服务'],
  },
  {
    name: '社会保险基金收支统计信息',
    owner: SOCIAL_INSURANCE_AGENCY,
    abstract: '按年度和险种汇总的社会保险基金收入、支出和累计结存。',
    classificationCode: '203',
    grade: { category: 'general', level: 1 },
    sharing: { type: 'unconditional', methods: ['platform', 'email'] },
    open: OPEN,
    format: SHEET,
    updateCycle: 'yearly',
    items: [
      C('统计年度', 4),
      C('行政区划代码', 6),
      C('险种', 50),
      Y('基金收入', 18),
      Y('征缴收入', 18),
      Y('财政补贴收入', 18),
      Y('基金支出', 18),
      Y('累计结存', 18),
    ],
    tags: ['社保基金', '统计'],
    state: 'submitted',
  },
]);

const MEDICAL_INSURANCE = templates('medical-insurance', [
  {
    name: '医保结算信息',
    abstract:
      '参保人在定点医药机构就医购药的费用结算记录：医疗类别、就诊日期、医疗费用总额及基金、个人账户和现金支付金额。',
    classificationCode: '202001',
    grade: { category: 'important' },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'realtime',
    items: [
      C('结算流水号', 30),
      NAME,
      RESIDENT_ID,
      C('险种类型', 3),
      C('医疗类别', 10),
      C('定点医药机构编码', 20),
      C('定点医药机构名称', 200),
      D('入院日期'),
      D('出院日期'),
      Y('医疗费用总额'),
      Y('基金支付金额'),
      Y('个人账户支付金额'),
      Y('个人现金支付金额'),
      T('结算时间'),
    ],
    tags: ['医保', '结算', '费用'],
    system: '医保信息平台',
    sampleTable: 'medical-settlement',
  },
  {
    name: '基本医疗保险参保信息',
    abstract: '职工基本医疗保险和城乡居民基本医疗保险参保登记信息。',
    classificationCode: '203001',
    grade: { category: 'important' },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('个人编号', 20),
      NAME,
      RESIDENT_ID,
      C('险种类型', 3),
      C('参保状态', 2),
      D('首次参保日期'),
      C('参保单位名称', 200),
      C('参保单位统一社会信用代码', 18),
      Y('缴费基数', 12),
      C('人员类别', 3),
    ],
    tags: ['医保', '参保'],
    system: '医保信息平台',
  },
  {
    name: '定点医药机构信息',
    abstract: '与医保经办机构签订服务协议的定点医疗机构和定点零售药店。',
    classificationCode: '202002',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('定点医药机构编码', 20),
      C('机构名称', 200),
      USCC,
      C('机构类别', 20),
      C('医院等级', 10),
      C('经营性质', 10),
      C('机构地址', 300),
      D('协议起始日期'),
      D('协议终止日期'),
      PHONE,
    ],
    tags: ['定点机构', '医保'],
    system: '医保信息平台',
  },
  {
    name: '医保药品目录信息',
    abstract: '基本医疗保险、工伤保险和生育保险药品目录，含甲乙类别、限定支付范围和支付标准。',
    classificationCode: '202',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: SHEET,
    updateCycle: 'quarterly',
    items: [
      C('医保药品代码', 30),
      C('药品名称', 200),
      C('剂型', 50),
      C('目录类别', 10),
      M('限定支付范围'),
      Y('医保支付标准', 12),
      D('生效日期'),
      D('失效日期'),
    ],
    tags: ['药品目录', '医保'],
    system: '医保信息平台',
  },
  {
    name: '医疗服务项目目录信息',
    abstract: '医疗服务项目的编码、内涵、除外内容、计价单位和医保支付类别。',
    classificationCode: '202',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: SHEET,
    updateCycle: 'quarterly',
    items: [
      C('项目编码', 30),
      C('项目名称', 200),
      M('项目内涵'),
      M('除外内容'),
      C('计价单位', 20),
      Y('项目价格', 12),
      C('支付类别', 10),
      D('生效日期'),
    ],
    tags: ['医疗服务项目', '医保目录'],
    system: '医保信息平台',
  },
  {
    name: '医用耗材目录信息',
    abstract: '医保医用耗材分类与代码、规格型号、生产企业和支付类别。',
    classificationCode: '202',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: SHEET,
    updateCycle: 'quarterly',
    items: [
      C('耗材代码', 30),
      C('耗材名称', 200),
      C('规格型号', 200),
      C('生产企业', 200),
      C('注册证编号', 50),
      C('支付类别', 10),
      Y('医保支付标准', 12),
      D('生效日期'),
    ],
    tags: ['耗材', '医保目录'],
    system: '医药集中采购平台',
  },
  {
    name: '异地就医备案信息',
    abstract: '参保人跨省和省内异地就医直接结算的备案登记。',
    classificationCode: '202001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'realtime',
    items: [
      C('备案编号', 30),
      NAME,
      RESIDENT_ID,
      C('参保地行政区划代码', 6),
      C('就医地行政区划代码', 6),
      C('备案类型', 10),
      D('备案开始日期'),
      D('备案结束日期'),
      C('备案状态', 2),
    ],
    tags: ['异地就医', '跨省通办'],
    system: '医保信息平台',
  },
  {
    name: '门诊慢特病待遇认定信息',
    abstract: '参保人门诊慢性病、特殊疾病待遇资格认定，含病种和认定定点机构。',
    classificationCode: '202',
    grade: { category: 'general', level: 4 },
    sharing: sharedOn('限医保经办机构和民政医疗救助部门办理待遇时使用，经提供方审核后以接口查询方式提供。'),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      NAME,
      RESIDENT_ID,
      C('病种编码', 20),
      C('病种名称', 100),
      C('认定定点机构', 200),
      D('待遇开始日期'),
      D('待遇结束日期'),
      D('认定日期'),
    ],
    tags: ['慢特病', '待遇'],
    system: '医保信息平台',
  },
  {
    name: '医疗救助信息',
    abstract: '特困人员、低保对象等困难群众的医疗救助记录。',
    classificationCode: '203003',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      NAME,
      RESIDENT_ID,
      C('救助对象类别', 10),
      C('救助类型', 10),
      Y('救助医疗费用总额'),
      Y('救助金额'),
      D('救助日期'),
      C('经办机构', 100),
    ],
    tags: ['医疗救助', '社会救助'],
    system: '医保信息平台',
  },
  {
    name: '生育保险待遇信息',
    abstract: '职工生育医疗费用和生育津贴的核定与支付。',
    classificationCode: '202001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      NAME,
      RESIDENT_ID,
      C('参保单位名称', 200),
      C('生育类别', 10),
      D('生育日期'),
      Y('生育医疗费用'),
      Y('生育津贴'),
      D('支付日期'),
    ],
    tags: ['生育保险', '待遇'],
    system: '医保信息平台',
  },
  {
    name: '医保电子凭证激活信息',
    abstract: '医保电子凭证的激活渠道、时间和状态，用于就医购药扫码身份核验。',
    classificationCode: '105001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(IDENTITY_CHECK),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'realtime',
    items: [
      C('电子凭证号', 32),
      NAME,
      RESIDENT_ID,
      C('激活渠道', 50),
      T('激活时间'),
      C('凭证状态', 2),
      C('参保地行政区划代码', 6),
    ],
    tags: ['医保电子凭证', '电子证照'],
    system: '医保信息平台',
  },
  {
    name: '长期护理保险待遇信息',
    abstract: '长期护理保险失能评估结论和护理待遇享受情况。',
    classificationCode: '202',
    grade: { category: 'general', level: 4 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      NAME,
      RESIDENT_ID,
      C('失能等级', 10),
      D('失能评估日期'),
      C('护理服务机构', 200),
      C('护理方式', 20),
      Y('待遇标准', 12),
      D('待遇开始日期'),
    ],
    tags: ['长期护理保险', '养老服务'],
    system: '医保信息平台',
    state: 'returned',
  },
  {
    name: '药品集中带量采购中选结果信息',
    abstract: '国家和省级药品集中带量采购的中选药品、中选企业、中选价格和约定采购量。',
    classificationCode: '206',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: SHEET,
    updateCycle: 'other',
    items: [
      C('采购批次', 50),
      C('药品通用名', 200),
      C('规格', 100),
      C('中选企业', 200),
      Y('中选价格', 12),
      N('约定采购量', 12),
      D('执行开始日期'),
      D('执行结束日期'),
    ],
    tags: ['带量采购', '药品价格'],
    system: '医药集中采购平台',
  },
  {
    name: '医疗服务价格信息',
    abstract: '公立医疗机构医疗服务项目分级价格及其调整文件依据。',
    classificationCode: '206',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: SHEET,
    updateCycle: 'other',
    items: [
      C('项目编码', 30),
      C('项目名称', 200),
      C('计价单位', 20),
      Y('三级医院价格', 12),
      Y('二级医院价格', 12),
      Y('一级医院价格', 12),
      D('执行日期'),
      C('文件依据', 200),
    ],
    tags: ['医疗服务价格'],
    system: '医药集中采购平台',
  },
  {
    name: '医保基金违法违规处理信息',
    abstract: '定点医药机构和参保人违法违规使用医保基金的处理结果，依法公开曝光。',
    classificationCode: '104002',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: API(),
    updateCycle: 'monthly',
    items: [
      C('处理决定文号', 100),
      C('当事人名称', 200),
      USCC,
      M('违法违规行为'),
      Y('涉及金额'),
      M('处理结果'),
      D('处理日期'),
      C('处理机关', 100),
    ],
    tags: ['基金监管', '信用'],
    system: '医保基金智能监管系统',
  },
  {
    name: '医保医师信息',
    abstract: '定点医疗机构医保医师（医保支付资格）代码、执业信息和记分情况。',
    classificationCode: '202002',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: openOn(OPEN_ON_APPLICATION),
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('医保医师代码', 30),
      C('医师姓名', 50),
      C('执业机构名称', 200),
      C('执业类别', 20),
      C('专业技术职务', 50),
      I('年度记分'),
      C('支付资格状态', 10),
    ],
    tags: ['医保医师', '基金监管'],
    system: '医保基金智能监管系统',
  },
  {
    name: '医保基金运行统计信息',
    abstract: '按季度汇总的参保人数、医保基金收支、累计结存和就诊人次。',
    classificationCode: '202',
    grade: { category: 'general', level: 1 },
    sharing: { type: 'unconditional', methods: ['platform', 'email'] },
    open: OPEN,
    format: SHEET,
    updateCycle: 'quarterly',
    items: [
      C('统计期', 6),
      C('行政区划代码', 6),
      I('参保人数'),
      Y('基金收入', 18),
      Y('基金支出', 18),
      Y('累计结存', 18),
      I('住院人次'),
      I('门诊人次'),
    ],
    tags: ['医保基金', '统计'],
    state: 'draft',
  },
]);

const NATURAL_RESOURCES = templates('natural-resources', [
  {
    name: '不动产登记信息',
    abstract:
      '不动产登记簿记载的权利信息：不动产单元号、权证号、权利人、坐落、权利类型、权利性质、用途、面积和登记时间。',
    classificationCode: '103001',
    grade: { category: 'important' },
    sharing: sharedOn(FOR_HOUSING_ETC),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'realtime',
    items: [
      REAL_ESTATE_UNIT,
      C('不动产权证书号', 50),
      C('权利人名称', 200),
      C('权利人证件类型', 20),
      C('权利人证件号码', 30),
      C('共有情况', 20),
      C('坐落', 300),
      C('权利类型', 50),
      C('权利性质', 50),
      C('用途', 50),
      N('面积', 12),
      C('使用期限', 50),
      T('登记时间'),
      C('登记机构', 100),
    ],
    tags: ['不动产', '登记簿'],
    system: '不动产登记信息管理平台',
    sampleTable: 'real-estate',
  },
  {
    name: '不动产抵押登记信息',
    abstract: '不动产抵押权设立、变更和注销登记，含抵押人、抵押权人和被担保主债权数额。',
    classificationCode: '103001',
    grade: { category: 'important' },
    sharing: sharedOn(FOR_HOUSING_ETC),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'realtime',
    items: [
      C('不动产登记证明号', 50),
      REAL_ESTATE_UNIT,
      C('抵押人', 200),
      C('抵押权人', 200),
      C('抵押方式', 20),
      Y('被担保主债权数额', 18),
      D('债务履行期限起'),
      D('债务履行期限止'),
      T('登记时间'),
    ],
    tags: ['不动产', '抵押'],
    system: '不动产登记信息管理平台',
  },
  {
    name: '不动产查封登记信息',
    abstract: '人民法院等有权机关对不动产的查封、轮候查封和解封登记。',
    classificationCode: '103001',
    grade: { category: 'important' },
    sharing: sharedOn(FOR_AUTHORITIES),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'realtime',
    items: [
      REAL_ESTATE_UNIT,
      C('查封机关', 200),
      C('查封文号', 100),
      C('查封类型', 20),
      D('查封起始日期'),
      D('查封结束日期'),
      D('解封日期'),
      T('登记时间'),
    ],
    tags: ['不动产', '查封'],
    system: '不动产登记信息管理平台',
  },
  {
    name: '预告登记信息',
    abstract: '预购商品房、预购商品房抵押等预告登记信息。',
    classificationCode: '103001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_HOUSING_ETC),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('不动产登记证明号', 50),
      REAL_ESTATE_UNIT,
      C('预告登记种类', 20),
      C('权利人名称', 200),
      C('义务人名称', 200),
      C('坐落', 300),
      Y('取得价格', 18),
      T('登记时间'),
    ],
    tags: ['不动产', '预售'],
    system: '不动产登记信息管理平台',
  },
  {
    name: '国有建设用地使用权出让信息',
    abstract: '以招标、拍卖、挂牌和协议方式出让国有建设用地使用权的成交结果。',
    classificationCode: '103',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('电子监管号', 30),
      C('项目名称', 200),
      C('宗地坐落', 300),
      C('土地用途', 50),
      N('出让面积', 14),
      I('出让年限'),
      C('供地方式', 20),
      Y('成交价格', 18),
      C('受让人', 200),
      D('合同签订日期'),
    ],
    tags: ['土地供应', '出让'],
    system: '自然资源业务审批系统',
  },
  {
    name: '建设用地规划许可证信息',
    abstract: '建设用地规划许可证核发信息，依法向社会公开。',
    classificationCode: '209001',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('许可证编号', 50),
      C('用地单位', 200),
      C('项目名称', 200),
      C('用地位置', 300),
      N('用地面积', 14),
      C('用地性质', 50),
      D('发证日期'),
      C('发证机关', 100),
    ],
    tags: ['规划许可', '工程建设'],
    system: '自然资源业务审批系统',
  },
  {
    name: '建设工程规划许可证信息',
    abstract: '建设工程规划许可证核发信息，依法向社会公开。',
    classificationCode: '209001',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('许可证编号', 50),
      C('建设单位', 200),
      C('项目名称', 200),
      C('建设位置', 300),
      N('建设规模', 14),
      D('发证日期'),
      C('发证机关', 100),
    ],
    tags: ['规划许可', '工程建设'],
    system: '自然资源业务审批系统',
  },
  {
    name: '土地利用现状调查信息',
    abstract: '国土变更调查的地类图斑属性，含地类、面积、权属和耕地坡度级别。',
    classificationCode: '103002',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: openOn(OPEN_AGGREGATED),
    format: DB('PostGIS'),
    updateCycle: 'yearly',
    items: [
      C('图斑编号', 30),
      C('地类编码', 10),
      C('地类名称', 50),
      N('图斑面积', 14),
      C('权属性质', 20),
      C('权属单位名称', 200),
      C('坐落单位名称', 200),
      C('耕地坡度级别', 2),
      C('调查年度', 4),
    ],
    tags: ['国土调查', '一张图'],
    system: '国土空间基础信息平台',
  },
  {
    name: '永久基本农田信息',
    abstract: '永久基本农田保护图斑、耕地质量等别和保护责任人。',
    classificationCode: '103002',
    grade: { category: 'important' },
    sharing: sharedOn(FOR_SUPERVISION),
    open: NOT_OPEN,
    format: DB('PostGIS'),
    updateCycle: 'yearly',
    items: [
      C('保护图斑编号', 30),
      C('行政区划代码', 6),
      C('地类编码', 10),
      N('图斑面积', 14),
      C('耕地质量等别', 2),
      D('划定日期'),
      C('保护责任人', 50),
      M('空间范围'),
    ],
    tags: ['耕地保护', '一张图'],
    system: '国土空间基础信息平台',
  },
  {
    name: '地质灾害隐患点信息',
    abstract: '滑坡、崩塌、泥石流等地质灾害隐患点的位置、威胁对象和监测责任人。',
    classificationCode: '212',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: openOn(OPEN_AGGREGATED),
    format: DB('PostGIS'),
    updateCycle: 'quarterly',
    items: [
      C('隐患点编号', 30),
      C('隐患点名称', 200),
      C('灾害类型', 20),
      C('隐患点位置', 300),
      F('经度'),
      F('纬度'),
      I('威胁人数'),
      Y('威胁财产'),
      C('险情等级', 10),
      C('监测责任人', 50),
      C('监测责任人联系电话', 20),
    ],
    tags: ['地质灾害', '应急'],
    system: '国土空间基础信息平台',
  },
  {
    name: '采矿许可证信息',
    abstract: '采矿权新立、延续、变更和注销的许可证信息。',
    classificationCode: '105001',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('许可证号', 30),
      C('采矿权人', 200),
      C('矿山名称', 200),
      C('开采矿种', 100),
      C('开采方式', 20),
      C('生产规模', 50),
      N('矿区面积', 14),
      D('有效期起'),
      D('有效期止'),
      C('发证机关', 100),
    ],
    tags: ['矿业权', '行政许可'],
    system: '自然资源业务审批系统',
  },
  {
    name: '探矿权信息',
    abstract: '探矿权勘查许可证的项目、矿种、面积和有效期。',
    classificationCode: '105001',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('勘查许可证号', 30),
      C('探矿权人', 200),
      C('勘查项目名称', 200),
      C('勘查矿种', 100),
      N('勘查面积', 14),
      D('有效期起'),
      D('有效期止'),
      C('发证机关', 100),
    ],
    tags: ['矿业权'],
    system: '自然资源业务审批系统',
  },
  {
    name: '基准地价信息',
    abstract: '城镇土地分级和各级别、各用途基准地价及估价期日。',
    classificationCode: '103',
    grade: { category: 'general', level: 1 },
    sharing: { type: 'unconditional', methods: ['platform', 'email'] },
    open: OPEN,
    format: SHEET,
    updateCycle: 'other',
    items: [
      C('行政区划代码', 6),
      C('土地级别', 10),
      C('土地用途', 50),
      Y('基准地价', 12),
      F('容积率'),
      D('估价期日'),
      C('公布文号', 100),
    ],
    tags: ['地价', '土地市场'],
    state: 'draft',
  },
  {
    name: '自然资源确权登记信息',
    abstract: '自然保护地、江河湖泊、森林、草原等自然资源登记单元的所有权登记。',
    classificationCode: '103001',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: openOn(OPEN_ON_APPLICATION),
    format: DB('PostGIS'),
    updateCycle: 'yearly',
    items: [
      C('登记单元号', 30),
      C('登记单元名称', 200),
      C('登记单元类型', 20),
      C('所有权主体', 200),
      C('代表行使主体', 200),
      N('登记单元面积', 14),
      D('确权登记日期'),
    ],
    tags: ['确权登记', '自然资源'],
    system: '国土空间基础信息平台',
  },
  {
    name: '基础测绘成果目录信息',
    abstract: '公开版基础测绘成果（地形图、正射影像、数字高程模型）的目录，按规定申请使用。',
    classificationCode: '103',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: openOn('按《测绘成果管理条例》提出使用申请，经审批后提供公开版成果。'),
    format: SHEET,
    updateCycle: 'yearly',
    items: [
      C('成果名称', 200),
      C('成果类型', 50),
      C('比例尺', 20),
      C('覆盖范围', 300),
      C('坐标系', 50),
      D('生产日期'),
      C('保管单位', 200),
    ],
    tags: ['测绘', '地理信息'],
  },
  {
    name: '国土空间详细规划信息',
    abstract: '经批准的国土空间详细规划（控制性详细规划）文本和图则信息。',
    classificationCode: '209',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: FILE,
    updateCycle: 'other',
    items: [
      C('规划名称', 200),
      C('规划编号', 50),
      C('规划范围', 300),
      N('规划面积', 14),
      C('批准机关', 100),
      C('批准文号', 100),
      D('批准日期'),
    ],
    tags: ['国土空间规划'],
    system: '国土空间基础信息平台',
  },
  {
    name: '土地储备信息',
    abstract: '纳入土地储备库的地块、收储方式、收储成本和入库日期。',
    classificationCode: '103',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('储备地块编号', 30),
      C('地块名称', 200),
      C('地块坐落', 300),
      N('地块面积', 14),
      C('规划用途', 50),
      C('收储方式', 20),
      Y('收储成本', 18),
      D('入库日期'),
    ],
    tags: ['土地储备'],
    system: '自然资源业务审批系统',
    state: 'submitted',
  },
]);

const HOUSING_FUND = templates('housing-fund', [
  {
    name: '住房公积金缴存信息',
    abstract: '住房公积金个人账户缴存信息：缴存基数、单位和个人缴存比例、月缴存额、缴至年月、账户余额和账户状态。',
    classificationCode: '203002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_HOUSING_ETC),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('个人账号', 20),
      NAME,
      RESIDENT_ID,
      C('单位账号', 20),
      C('单位名称', 200),
      Y('缴存基数', 12),
      N('单位缴存比例', 5),
      N('个人缴存比例', 5),
      Y('月缴存额', 12),
      C('缴至年月', 6),
      Y('账户余额'),
      C('账户状态', 2),
      D('开户日期'),
    ],
    tags: ['公积金', '缴存'],
    system: '住房公积金业务管理系统',
    sampleTable: 'housing-fund',
  },
  {
    name: '住房公积金缴存单位信息',
    abstract: '在住房公积金管理中心开户缴存的单位、经办人和缴存人数。',
    classificationCode: '203002',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('单位账号', 20),
      C('单位名称', 200),
      USCC,
      C('单位性质', 20),
      C('单位地址', 300),
      C('经办人姓名', 50),
      C('经办人联系电话', 20),
      I('缴存人数'),
      D('单位开户日期'),
      C('单位账户状态', 2),
    ],
    tags: ['公积金', '缴存单位'],
    system: '住房公积金业务管理系统',
  },
  {
    name: '个人住房公积金贷款信息',
    abstract: '个人住房公积金贷款的合同、金额、期限、利率、还款方式和余额。',
    classificationCode: '203002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_HOUSING_ETC),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('贷款合同编号', 30),
      C('借款人姓名', 50),
      C('借款人公民身份号码', 18),
      Y('贷款金额'),
      I('贷款期限（月）'),
      F('贷款年利率'),
      C('还款方式', 20),
      D('贷款发放日期'),
      Y('贷款余额'),
      C('贷款状态', 10),
      C('抵押房屋坐落', 300),
    ],
    tags: ['公积金', '贷款'],
    system: '住房公积金业务管理系统',
  },
  {
    name: '住房公积金提取信息',
    abstract: '购房、租房、还贷、离退休等原因提取住房公积金的记录。',
    classificationCode: '203002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('提取流水号', 30),
      C('个人账号', 20),
      NAME,
      RESIDENT_ID,
      C('提取原因', 50),
      Y('提取金额'),
      D('提取日期'),
      C('收款银行', 100),
    ],
    tags: ['公积金', '提取'],
    system: '住房公积金业务管理系统',
  },
  {
    name: '住房公积金贷款逾期信息',
    abstract: '住房公积金个人贷款逾期期数、逾期本息，供征信报送和清收使用。',
    classificationCode: '203002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_AUTHORITIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('贷款合同编号', 30),
      C('借款人姓名', 50),
      C('借款人公民身份号码', 18),
      I('逾期期数'),
      Y('逾期本金'),
      Y('逾期利息'),
      D('首次逾期日期'),
      D('统计日期'),
    ],
    tags: ['公积金', '贷款', '信用'],
    system: '住房公积金业务管理系统',
  },
  {
    name: '住房公积金缴存证明信息',
    abstract: '个人住房公积金缴存证明的开具信息，支持异地贷款和购房资格审核在线核验。',
    classificationCode: '203002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_HOUSING_ETC),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'realtime',
    items: [
      C('证明编号', 30),
      NAME,
      RESIDENT_ID,
      C('单位名称', 200),
      C('缴存状态', 10),
      Y('月缴存额', 12),
      C('缴存起始年月', 6),
      C('缴至年月', 6),
      T('开具时间'),
    ],
    tags: ['公积金', '证明', '跨省通办'],
    system: '住房公积金综合服务平台',
  },
  {
    name: '住房公积金异地转移接续信息',
    abstract: '职工跨城市就业时住房公积金账户的转出、转入和办结状态。',
    classificationCode: '203002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'daily',
    items: [
      C('转移编号', 30),
      NAME,
      RESIDENT_ID,
      C('转出城市', 100),
      C('转入城市', 100),
      Y('转移金额'),
      D('申请日期'),
      D('办结日期'),
      C('转移状态', 10),
    ],
    tags: ['公积金', '跨省通办'],
    system: '住房公积金综合服务平台',
  },
  {
    name: '住房公积金贷款抵押物信息',
    abstract: '住房公积金贷款所抵押房屋的权证、坐落、面积和评估价值。',
    classificationCode: '203002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_HOUSING_ETC),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('贷款合同编号', 30),
      C('不动产权证书号', 50),
      REAL_ESTATE_UNIT,
      C('抵押房屋坐落', 300),
      N('建筑面积', 12),
      Y('评估价值'),
      D('抵押登记日期'),
    ],
    tags: ['公积金', '贷款', '不动产'],
    system: '住房公积金业务管理系统',
  },
  {
    name: '住房公积金单位缴存变更信息',
    abstract: '缴存单位缴存基数、缴存比例调整和单位信息变更记录。',
    classificationCode: '203002',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('单位账号', 20),
      C('单位名称', 200),
      C('变更类型', 20),
      M('变更前内容'),
      M('变更后内容'),
      D('变更日期'),
      C('经办网点', 100),
    ],
    tags: ['公积金', '缴存单位'],
    system: '住房公积金业务管理系统',
  },
  {
    name: '住房公积金年度报告',
    abstract: '按《住房公积金管理条例》公布的年度报告：缴存、提取、贷款、增值收益等主要指标。',
    classificationCode: '203002',
    grade: { category: 'general', level: 1 },
    sharing: { type: 'unconditional', methods: ['platform', 'email'] },
    open: OPEN,
    format: FILE,
    updateCycle: 'yearly',
    items: [
      C('报告年度', 4),
      I('实缴单位数'),
      I('实缴职工人数'),
      Y('当年缴存额', 18),
      Y('当年提取额', 18),
      Y('当年发放个人住房贷款额', 18),
      F('个贷率'),
      Y('增值收益', 18),
    ],
    tags: ['公积金', '年度报告', '统计'],
  },
  {
    name: '商业贷款转公积金贷款信息',
    abstract: '商业性个人住房贷款转为住房公积金贷款的申请与审批信息。',
    classificationCode: '203002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_HOUSING_ETC),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('转贷申请编号', 30),
      C('借款人姓名', 50),
      C('借款人公民身份号码', 18),
      C('原商业贷款银行', 100),
      Y('原贷款余额'),
      Y('转贷金额'),
      I('转贷期限（月）'),
      D('审批日期'),
    ],
    tags: ['公积金', '贷款'],
    system: '住房公积金业务管理系统',
  },
  {
    name: '灵活就业人员住房公积金缴存信息',
    abstract: '个体工商户、自由职业者等灵活就业人员自愿缴存住房公积金的签约和缴存记录。',
    classificationCode: '203002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('个人账号', 20),
      NAME,
      RESIDENT_ID,
      Y('缴存基数', 12),
      N('缴存比例', 5),
      Y('月缴存额', 12),
      D('签约日期'),
      C('缴存状态', 10),
    ],
    tags: ['公积金', '灵活就业'],
    system: '住房公积金综合服务平台',
  },
  {
    name: '租房提取住房公积金信息',
    abstract: '职工租赁住房提取住房公积金的租赁合同备案和提取金额。',
    classificationCode: '203002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_HOUSING_ETC),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('提取流水号', 30),
      NAME,
      RESIDENT_ID,
      C('租赁房屋坐落', 300),
      C('租赁合同备案号', 50),
      Y('月租金', 12),
      Y('提取金额'),
      D('提取日期'),
    ],
    tags: ['公积金', '租房', '提取'],
    system: '住房公积金综合服务平台',
    state: 'returned',
  },
  {
    name: '住房公积金业务网点信息',
    abstract: '住房公积金管理中心及受托银行业务网点的地址、电话、办公时间和可办业务。',
    classificationCode: '201',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: SHEET,
    updateCycle: 'other',
    items: [
      C('网点名称', 200),
      C('网点地址', 300),
      C('咨询电话', 20),
      C('办公时间', 100),
      M('可办业务'),
      F('经度'),
      F('纬度'),
    ],
    tags: ['公积金', '便民服务'],
  },
  {
    name: '住房公积金贷款发放统计信息',
    abstract: '按月统计的个人住房公积金贷款发放、回收、余额和逾期率。',
    classificationCode: '203002',
    grade: { category: 'general', level: 1 },
    sharing: { type: 'unconditional', methods: ['platform', 'email'] },
    open: OPEN,
    format: SHEET,
    updateCycle: 'monthly',
    items: [C('统计年月', 6), I('发放笔数'), Y('发放金额', 18), Y('回收金额', 18), Y('贷款余额', 18), F('逾期率')],
    tags: ['公积金', '统计'],
    state: 'draft',
  },
  {
    name: '12329热线咨询工单信息',
    abstract: '住房公积金12329服务热线来电咨询、投诉建议工单及办理结果。',
    classificationCode: '201',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('工单编号', 30),
      C('来电号码', 20),
      C('来电人姓名', 50),
      T('来电时间'),
      C('咨询类别', 50),
      M('咨询内容'),
      M('答复内容'),
      T('办结时间'),
      C('满意度', 10),
    ],
    tags: ['12329', '热线'],
    system: '12329服务热线系统',
  },
  {
    name: '住房公积金委托提取还贷信息',
    abstract: '借款人签订委托提取协议、按月提取住房公积金偿还贷款的扣划记录。',
    classificationCode: '203002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('委托提取协议号', 30),
      NAME,
      RESIDENT_ID,
      C('个人账号', 20),
      C('贷款合同编号', 30),
      C('扣划方式', 20),
      Y('扣划金额'),
      D('扣划日期'),
    ],
    tags: ['公积金', '还贷'],
    system: '住房公积金业务管理系统',
  },
]);

const DATA_AUTHORITY = templates('data-authority', [
  {
    name: '人口基本信息（人口综合库）',
    abstract: '人口综合库汇聚的人口基本信息，源自公安户籍数据并经治理后提供共享。',
    classificationCode: '101001',
    grade: { category: 'important' },
    sharing: sharedOn(IDENTITY_CHECK),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [NAME, RESIDENT_ID, GENDER, ETHNICITY, BIRTH_DATE, HOUSEHOLD_ADDRESS, PHONE, C('数据来源部门', 100)],
    tags: ['人口', '基础库', '共享'],
    system: '政务数据共享交换平台',
  },
  {
    name: '企业基本信息（法人综合库）',
    abstract: '法人综合库汇聚的企业基本信息，源自市场主体登记数据并经治理后提供共享。',
    classificationCode: '102001',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      USCC,
      ENTERPRISE_NAME,
      C('企业类型', 100),
      LEGAL_REPRESENTATIVE,
      Y('注册资本', 18),
      D('成立日期'),
      C('住所', 300),
      C('登记机关', 100),
      C('登记状态', 20),
      C('数据来源部门', 100),
    ],
    tags: ['法人', '基础库', '共享'],
    system: '政务数据共享交换平台',
  },
  {
    name: '政务服务事项清单信息',
    abstract: '依申请政务服务事项的基本目录和实施清单：事项编码、名称、类型、实施主体、设定依据、办理时限和收费标准。',
    classificationCode: '201001',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: API(),
    updateCycle: 'other',
    items: [
      C('事项编码', 50),
      C('事项名称', 200),
      C('事项类型', 20),
      C('实施主体', 200),
      M('设定依据'),
      I('法定办结时限'),
      I('承诺办结时限'),
      C('收费标准', 200),
      C('办理地点', 300),
      C('咨询电话', 20),
    ],
    tags: ['政务服务', '事项清单'],
    system: '一体化政务服务平台',
  },
  {
    name: '政务服务办件信息',
    abstract: '一体化政务服务平台汇聚的办件受理、办结和办理结果信息。',
    classificationCode: '201001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'realtime',
    items: [
      C('办件编号', 50),
      C('事项编码', 50),
      C('事项名称', 200),
      C('申请人名称', 200),
      C('申请人证件号码', 30),
      T('受理时间'),
      T('办结时间'),
      C('办理结果', 20),
      C('受理部门', 200),
    ],
    tags: ['政务服务', '办件'],
    system: '一体化政务服务平台',
  },
  {
    name: '政务服务“好差评”信息',
    abstract: '办事群众和企业对政务服务的评价、差评整改情况。',
    classificationCode: '201001',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: openOn(OPEN_AGGREGATED),
    format: API(),
    updateCycle: 'daily',
    items: [
      C('评价编号', 50),
      C('办件编号', 50),
      C('事项名称', 200),
      C('评价渠道', 20),
      C('评价等级', 10),
      M('评价内容'),
      T('评价时间'),
      M('整改情况'),
    ],
    tags: ['好差评', '政务服务'],
    system: '一体化政务服务平台',
  },
  {
    name: '12345政务服务便民热线工单信息',
    abstract: '12345热线受理的群众和企业诉求、派单承办和满意度回访。',
    classificationCode: '201',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('工单编号', 30),
      C('诉求人姓名', 50),
      C('诉求人联系电话', 20),
      C('诉求类型', 20),
      M('诉求内容'),
      C('承办单位', 200),
      T('受理时间'),
      T('办结时间'),
      C('满意度评价', 10),
    ],
    tags: ['12345', '热线', '民生诉求'],
    system: '12345政务服务便民热线系统',
  },
  {
    name: '电子证照目录信息',
    abstract: '电子证照库归集的各类证照目录，支持证照调用和核验。',
    classificationCode: '105001',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'daily',
    items: [
      C('证照类型代码', 50),
      C('证照名称', 200),
      C('证照编号', 100),
      C('持证主体', 200),
      C('持证主体代码', 30),
      C('颁证单位', 200),
      D('颁证日期'),
      D('证照有效期截止日期'),
      C('证照状态', 10),
    ],
    tags: ['电子证照', '一网通办'],
    system: '一体化政务服务平台',
  },
  {
    name: '政务数据共享调用日志',
    abstract: '共享平台记录的数据资源调用流水，用于共享效果评估和安全审计。',
    classificationCode: '201',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('调用流水号', 50),
      C('资源代码', 50),
      C('资源名称', 200),
      C('调用部门', 200),
      T('调用时间'),
      C('调用结果', 10),
      I('返回记录数'),
    ],
    tags: ['数据共享', '审计'],
    system: '政务数据共享交换平台',
    state: 'draft',
  },
]);

/** Every demo resource, department by department. */
export const DEMO_ENTRY_TEMPLATES: DemoEntryTemplate[] = [
  ...PUBLIC_SECURITY,
  ...MARKET_REGULATION,
  ...HUMAN_RESOURCES,
  ...MEDICAL_INSURANCE,
  ...NATURAL_RESOURCES,
  ...HOUSING_FUND,
  ...DATA_AUTHORITY,
];

/** The templates a department of the given kind registers. */
export function demoTemplatesOf(kind: DemoDepartmentKind): DemoEntryTemplate[] {
  return DEMO_ENTRY_TEMPLATES.filter((t) => t.department === kind);
}

/**
 * The templates one organisation of a node registers, given the names of all the node's
 * organisations. Alone of its kind, it registers them all. Where several share a kind (人社部, its
 * 信息中心 and 社会保险事业管理中心), each template goes to the one its `owner` names, else to the
 * parent body — the shortest name — so no resource is registered twice on a node, which would
 * bury the real 一数一源 findings under copies of the demo's own making.
 */
export function demoTemplatesFor(
  organisationName: string,
  nodeOrganisationNames: readonly string[],
): DemoEntryTemplate[] {
  const kind = departmentKindOf(organisationName);
  if (!kind) return [];
  const peers = [...new Set([organisationName, ...nodeOrganisationNames])]
    .filter((name) => departmentKindOf(name) === kind)
    .sort((a, b) => a.length - b.length || a.localeCompare(b));
  const templates = demoTemplatesOf(kind);
  if (peers.length === 1) return templates;
  return templates.filter((t) => (peers.find((name) => t.owner?.test(name)) ?? peers[0]) === organisationName);
}

// ---------------------------------------------------------------------------------------------
// Sample source tables (挂接的样例数据表)

/** One column of a sample table and the entry item it holds. */
export interface DemoSampleColumn {
  column: string;
  /** Item name of the template the table is mounted to. */
  item: string;
  sqlType: string;
}

/** A source table to create, fill and mount to an entry. */
export interface DemoSampleTable {
  table: string;
  description: string;
  columns: DemoSampleColumn[];
  /** `count` rows for a node of the region, values in column order; the same every time. */
  rows(regionCode: string, count: number): unknown[][];
}

type Row = Record<string, unknown>;

function sampleTable(
  table: string,
  description: string,
  columns: DemoSampleColumn[],
  records: (regionCode: string, count: number) => Row[],
): DemoSampleTable {
  return {
    table,
    description,
    columns,
    rows: (regionCode, count) => records(regionCode, count).map((r) => columns.map((c) => r[c.column])),
  };
}

const DAY_MS = 86_400_000;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function dayMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** A date in [from, to], both YYYY-MM-DD. */
function dateBetween(random: DemoRandom, from: string, to: string): string {
  const start = dayMs(from);
  return isoDate(start + random.int(0, Math.max(0, Math.round((dayMs(to) - start) / DAY_MS))) * DAY_MS);
}

/** A `YYYY-MM-DD HH:MM:SS` time on the day, in office hours. */
function timeOn(random: DemoRandom, date: string, fromHour = 8, toHour = 17): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date} ${pad(random.int(fromHour, toHour))}:${pad(random.int(0, 59))}:${pad(random.int(0, 59))}`;
}

function addYears(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`.replace(/-02-29$/, '-02-28');
}

function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

/** The region as the demo writes it in names (南昌市); the whole country for the national node. */
function regionTitle(regionCode: string): { name: string; short: string } {
  const known: Record<string, { name: string; short: string }> = {
    '100000': { name: '', short: '中国' },
    '360000': { name: '江西省', short: '江西' },
    '360100': { name: '南昌市', short: '南昌' },
  };
  if (known[regionCode]) return known[regionCode];
  const county = demoCounties(regionCode)[0]!;
  const name = regionCode.endsWith('0000') ? county.province : county.prefecture || county.province;
  return { name, short: name.replace(/(省|市|自治区|自治区|特别行政区|特别行政区)$/, '') };
}

/** 登记机关 of the region's market regulation. */
function marketAuthority(regionCode: string): string {
  const { name } = regionTitle(regionCode);
  return name ? `${name}市场监督管理局` : '国家市场监督管理总局';
}

/** One-character 简称 of each province, as 不动产权证书号 begin. */
// prettier-ignore
const PROVINCE_ABBREVIATIONS: Record<string, string> = {
  '11': '京', '12': '津', '13': '冀', '14': '晋', '15': '蒙', '21': '辽', '22': '吉', '23': '黑', '31': '沪',
  '32': '苏', '33': '浙', '34': '皖', '35': '闽', '36': '赣', '37': '鲁', '41': '豫', '42': '鄂', '43': '湘',
  '44': '粤', '45': '桂', '46': '琼', '50': '渝', '51': '川', '52': '黔', '53': '云', '54': '藏', '61': '陕',
  '62': '甘', '63': '青', '64': '宁', '65': '新',
};

// ----- enterprises -----

/** 虚构企业 — a synthetic enterprise of the demo region. */
export interface DemoEnterprise {
  /** 统一社会信用代码 (GB 32100 check digit valid). */
  uscc: string;
  name: string;
  type: string;
  legalRepresentative: DemoPerson;
  /** 注册资本, 万元. */
  registeredCapital: number;
  founded: string;
  /** 营业期限至; null for 长期. */
  termEnd: string | null;
  address: string;
  businessScope: string;
  authority: string;
  approved: string;
  status: string;
}

// prettier-ignore
const TRADE_NAMES = [
  '嘉禾', '远航', '恒泰', '润丰', '启明', '德信', '汇智', '思创', '博瑞', '弘毅', '锦程', '瑞祥', '鼎新', '聚源',
  '天齐', '明远', '华宸', '赣鑫', '洪城', '青蓝', '和顺', '立德', '卓越', '宏图', '信达', '丰源', '正弘', '东升',
];
const INDUSTRIES: ReadonlyArray<readonly [string, string]> = [
  ['科技', '软件开发；信息系统集成服务；信息技术咨询服务；数据处理和存储支持服务'],
  ['信息技术', '软件开发；网络与信息安全软件开发；计算机系统服务；技术服务、技术开发'],
  ['商贸', '日用百货销售；五金产品零售；食品销售（仅销售预包装食品）；货物进出口'],
  ['建筑工程', '建设工程施工；建筑装饰、装修施工；园林绿化工程施工；建筑材料销售'],
  ['物流', '普通货物仓储服务；道路货物运输（不含危险货物）；国内货物运输代理；装卸搬运'],
  ['餐饮管理', '餐饮服务；餐饮管理；食品销售；外卖递送服务'],
  ['医药', '药品零售；第二类医疗器械销售；保健食品销售；消毒剂销售'],
  ['农业开发', '蔬菜种植；水果种植；农产品的生产、销售、加工、运输；农业技术推广服务'],
  ['文化传媒', '广告设计、代理；组织文化艺术交流活动；会议及展览服务；数字内容制作服务'],
  ['物业管理', '物业管理；停车场服务；家政服务；城市绿化管理'],
  ['机械制造', '通用设备制造；机械零件、零部件加工；金属结构制造；机械设备销售'],
  ['新材料', '新材料技术研发；合成材料销售；高性能纤维及复合材料制造；电子专用材料销售'],
];
const ENTERPRISE_TYPES: ReadonlyArray<readonly [string, number]> = [
  ['有限责任公司（自然人投资或控股）', 60],
  ['有限责任公司（自然人独资）', 25],
  ['股份有限公司（非上市、自然人投资或控股）', 8],
  ['有限责任公司（国有独资）', 4],
  ['个人独资企业', 3],
];
const ENTERPRISE_STATUSES: ReadonlyArray<readonly [string, number]> = [
  ['存续（在营、开业、在册）', 88],
  ['注销', 8],
  ['吊销，未注销', 4],
];

/** GB 11714 check character of an 8-character 组织机构代码 body (digits here). */
function organisationCodeCheck(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, ch, i) => s + Number(ch) * weights[i]!, 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

function uniqueName(used: Set<string>, candidate: (attempt: number) => string): string {
  for (let attempt = 0; ; attempt++) {
    const name = candidate(attempt);
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

const OFFICE_BUILDINGS = ['商务中心', '大厦', '科技园', '创业园', '国际中心', '产业园'];

/** 住所 of a business: street number, often an office building, floor and room. */
function businessAddress(random: DemoRandom, place: DemoCounty): string {
  const street = `${place.province}${place.prefecture}${place.county}${random.pick(place.streets)}${random.int(1, 999)}号`;
  if (!random.chance(0.6)) return street;
  const floor = random.int(1, 28);
  return `${street}${random.pick(TRADE_NAMES)}${random.pick(OFFICE_BUILDINGS)}${floor}层${floor}${String(random.int(1, 20)).padStart(2, '0')}室`;
}

/**
 * `count` synthetic enterprises of the region, always the same; a shorter list is the start of a
 * longer one. Their legal representatives are among `demoPeople(regionCode, count)`.
 */
export function demoEnterprises(regionCode: string, count: number): DemoEnterprise[] {
  const random = new DemoRandom(`${regionCode}:enterprises`);
  const counties = demoCounties(regionCode);
  const people = demoPeople(regionCode, Math.max(count, 1));
  const { short } = regionTitle(regionCode);
  const authority = marketAuthority(regionCode);
  const usedNames = new Set<string>();
  const usedCodes = new Set<string>();
  const enterprises: DemoEnterprise[] = [];
  for (let i = 0; i < count; i++) {
    const place = random.pick(counties);
    const type = random.weighted(ENTERPRISE_TYPES);
    const [industry, scope] = random.pick(INDUSTRIES);
    const suffix = type.startsWith('股份') ? '股份有限公司' : type === '个人独资企业' ? '经营部' : '有限公司';
    const name = uniqueName(usedNames, (attempt) => {
      // A second trade name once the single ones run short, then a branch number: names are unique.
      const trade = attempt < 5 ? random.pick(TRADE_NAMES) : random.pick(TRADE_NAMES) + random.pick(TRADE_NAMES);
      return `${short}${trade}${industry}${suffix}${attempt < 20 ? '' : `（${attempt}）`}`;
    });
    let uscc: string;
    do {
      const body = random.digits(8);
      const first17 = `91${place.code}${body}${organisationCodeCheck(body)}`;
      uscc = first17 + usccCheckDigit(first17);
    } while (usedCodes.has(uscc));
    usedCodes.add(uscc);
    const founded = dateBetween(random, '1998-01-01', '2025-06-30');
    enterprises.push({
      uscc,
      name,
      type,
      legalRepresentative: people[random.int(0, people.length - 1)]!,
      registeredCapital: random.pick([10, 30, 50, 100, 200, 300, 500, 1000, 2000, 5000]),
      founded,
      termEnd: random.chance(0.6) ? null : addYears(founded, random.pick([10, 20, 30])),
      address: businessAddress(random, place),
      businessScope: `一般项目：${scope}（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）`,
      authority,
      approved: dateBetween(random, founded, DEMO_REFERENCE_DATE),
      status: random.weighted(ENTERPRISE_STATUSES),
    });
  }
  return enterprises;
}

// ----- the tables -----

const population = sampleTable(
  'demo_population',
  '人口基本信息样例表（常住人口登记表抽取，虚构数据）',
  [
    { column: 'xm', item: '姓名', sqlType: 'varchar(50)' },
    { column: 'gmsfhm', item: '公民身份号码', sqlType: 'char(18)' },
    { column: 'xbdm', item: '性别', sqlType: 'char(1)' },
    { column: 'mzdm', item: '民族', sqlType: 'char(2)' },
    { column: 'csrq', item: '出生日期', sqlType: 'date' },
    { column: 'hjdz', item: '户籍地址', sqlType: 'varchar(200)' },
    { column: 'lxdh', item: '联系电话', sqlType: 'varchar(20)' },
    { column: 'djrq', item: '登记日期', sqlType: 'date' },
  ],
  (regionCode, count) => {
    const random = new DemoRandom(`${regionCode}:population`);
    return demoPeople(regionCode, count).map((p) => ({
      xm: p.name,
      gmsfhm: p.residentId,
      xbdm: p.genderCode,
      mzdm: p.ethnicityCode,
      csrq: p.birthDate,
      hjdz: p.address,
      lxdh: p.mobile,
      djrq: dateBetween(random, maxDate(p.birthDate, '1985-01-01'), DEMO_REFERENCE_DATE),
    }));
  },
);

const enterprise = sampleTable(
  'demo_enterprise',
  '企业登记信息样例表（市场主体登记库抽取，虚构数据）',
  [
    { column: 'tyshxydm', item: '统一社会信用代码', sqlType: 'char(18)' },
    { column: 'qymc', item: '企业名称', sqlType: 'varchar(200)' },
    { column: 'qylx', item: '企业类型', sqlType: 'varchar(100)' },
    { column: 'fddbr', item: '法定代表人', sqlType: 'varchar(50)' },
    { column: 'zczb', item: '注册资本', sqlType: 'numeric(18,2)' },
    { column: 'clrq', item: '成立日期', sqlType: 'date' },
    { column: 'yyqxz', item: '营业期限至', sqlType: 'date' },
    { column: 'zs', item: '住所', sqlType: 'varchar(300)' },
    { column: 'jyfw', item: '经营范围', sqlType: 'text' },
    { column: 'djjg', item: '登记机关', sqlType: 'varchar(100)' },
    { column: 'hzrq', item: '核准日期', sqlType: 'date' },
    { column: 'djzt', item: '登记状态', sqlType: 'varchar(20)' },
  ],
  (regionCode, count) =>
    demoEnterprises(regionCode, count).map((e) => ({
      tyshxydm: e.uscc,
      qymc: e.name,
      qylx: e.type,
      fddbr: e.legalRepresentative.name,
      zczb: e.registeredCapital,
      clrq: e.founded,
      yyqxz: e.termEnd,
      zs: e.address,
      jyfw: e.businessScope,
      djjg: e.authority,
      hzrq: e.approved,
      djzt: e.status,
    })),
);

const realEstate = sampleTable(
  'demo_real_estate',
  '不动产登记信息样例表（不动产登记簿抽取，虚构数据）',
  [
    { column: 'bdcdyh', item: '不动产单元号', sqlType: 'char(28)' },
    { column: 'bdcqzh', item: '不动产权证书号', sqlType: 'varchar(50)' },
    { column: 'qlrmc', item: '权利人名称', sqlType: 'varchar(200)' },
    { column: 'qlrzjhm', item: '权利人证件号码', sqlType: 'varchar(30)' },
    { column: 'gyqk', item: '共有情况', sqlType: 'varchar(20)' },
    { column: 'zl', item: '坐落', sqlType: 'varchar(300)' },
    { column: 'qllx', item: '权利类型', sqlType: 'varchar(50)' },
    { column: 'qlxz', item: '权利性质', sqlType: 'varchar(50)' },
    { column: 'yt', item: '用途', sqlType: 'varchar(50)' },
    { column: 'mj', item: '面积', sqlType: 'numeric(12,2)' },
    { column: 'djsj', item: '登记时间', sqlType: 'timestamp' },
  ],
  (regionCode, count) => {
    const random = new DemoRandom(`${regionCode}:real-estate`);
    const counties = demoCounties(regionCode);
    const people = demoPeople(regionCode, count);
    const usedUnits = new Set<string>();
    return people.map((owner) => {
      const place = counties.find((c) => c.code === owner.countyCode) ?? random.pick(counties);
      let unit: string;
      do {
        // 宗地代码 (county + 地籍区 + 地籍子区 + GB 国有建设用地使用权宗地 + 顺序号) + F 房屋 + 幢号 + 户号.
        unit = `${place.code}${random.digits(6)}GB${random.digits(5)}F${String(random.int(1, 40)).padStart(4, '0')}${String(random.int(101, 3304)).padStart(4, '0')}`;
      } while (usedUnits.has(unit));
      usedUnits.add(unit);
      const registered = dateBetween(random, '2016-01-01', DEMO_REFERENCE_DATE);
      const commercial = random.chance(0.12);
      const city = place.prefecture || place.province;
      return {
        bdcdyh: unit,
        bdcqzh: `${PROVINCE_ABBREVIATIONS[place.code.slice(0, 2)] ?? ''}(${registered.slice(0, 4)})${city}不动产权第${random.digits(7)}号`,
        qlrmc: owner.name,
        qlrzjhm: owner.residentId,
        gyqk: random.weighted([
          ['单独所有', 70],
          ['共同共有', 25],
          ['按份共有', 5],
        ] as const),
        zl: demoAddress(random, place),
        qllx: '国有建设用地使用权/房屋所有权',
        qlxz: commercial ? '出让/市场化商品房' : random.chance(0.85) ? '出让/市场化商品房' : '划拨/房改房',
        yt: commercial ? '商服用地/商业' : '城镇住宅用地/住宅',
        mj: cents(commercial ? 30 + random.next() * 220 : 45 + random.next() * 135),
        djsj: timeOn(random, registered),
      };
    });
  },
);

/** 险种类型 codes of 社会保险 (LAB 代码集). */
const PENSION_INSURANCE_TYPES: ReadonlyArray<readonly [string, number]> = [
  ['110', 70], // 企业职工基本养老保险
  ['120', 10], // 机关事业单位养老保险
  ['210', 12], // 失业保险
  ['410', 8], // 工伤保险
];

const socialInsurance = sampleTable(
  'demo_social_insurance',
  '社会保险参保信息样例表（社会保险经办系统抽取，虚构数据）',
  [
    { column: 'grbh', item: '个人编号', sqlType: 'varchar(20)' },
    { column: 'xm', item: '姓名', sqlType: 'varchar(50)' },
    { column: 'gmsfhm', item: '公民身份号码', sqlType: 'char(18)' },
    { column: 'xzlx', item: '险种类型', sqlType: 'char(3)' },
    { column: 'cbzt', item: '参保状态', sqlType: 'varchar(2)' },
    { column: 'sccbrq', item: '首次参保日期', sqlType: 'date' },
    { column: 'dwmc', item: '参保单位名称', sqlType: 'varchar(200)' },
    { column: 'dwtyshxydm', item: '参保单位统一社会信用代码', sqlType: 'char(18)' },
    { column: 'jfjs', item: '缴费基数', sqlType: 'numeric(12,2)' },
    { column: 'ljjfys', item: '累计缴费月数', sqlType: 'integer' },
    { column: 'cbdxzqh', item: '参保地行政区划代码', sqlType: 'char(6)' },
  ],
  (regionCode, count) => {
    const random = new DemoRandom(`${regionCode}:social-insurance`);
    const employers = demoEnterprises(regionCode, Math.max(1, Math.ceil(count / 10)));
    const reference = dayMs(DEMO_REFERENCE_DATE);
    return demoPeople(regionCode, count).map((p, i) => {
      const employer = random.pick(employers);
      const age = Number(DEMO_REFERENCE_DATE.slice(0, 4)) - Number(p.birthDate.slice(0, 4));
      const first = dateBetween(random, maxDate(addYears(p.birthDate, 18), '1995-01-01'), '2025-06-30');
      const months = Math.floor((reference - dayMs(first)) / (30.44 * DAY_MS));
      return {
        grbh: `${p.countyCode.slice(0, 4)}${String(i + 1).padStart(10, '0')}`,
        xm: p.name,
        gmsfhm: p.residentId,
        xzlx: random.weighted(PENSION_INSURANCE_TYPES),
        // 1 参保缴费, 2 暂停缴费, 3 终止参保 (retired people draw their pension instead).
        cbzt: age >= 60 ? '3' : random.chance(0.88) ? '1' : '2',
        sccbrq: first,
        dwmc: employer.name,
        dwtyshxydm: employer.uscc,
        jfjs: cents(random.int(4_000, 25_000)),
        ljjfys: Math.max(1, months - random.int(0, Math.min(24, months))),
        cbdxzqh: regionCode === '100000' ? p.countyCode : regionCode,
      };
    });
  },
);

/** 医疗类别 with its share of settlements. */
const MEDICAL_CATEGORIES: ReadonlyArray<readonly [string, number]> = [
  ['普通门诊', 50],
  ['定点药店购药', 25],
  ['住院', 15],
  ['门诊慢特病', 10],
];

const medicalSettlement = sampleTable(
  'demo_medical_settlement',
  '医保结算信息样例表（医保信息平台结算清单抽取，虚构数据）',
  [
    { column: 'jslsh', item: '结算流水号', sqlType: 'varchar(30)' },
    { column: 'xm', item: '姓名', sqlType: 'varchar(50)' },
    { column: 'gmsfhm', item: '公民身份号码', sqlType: 'char(18)' },
    { column: 'xzlx', item: '险种类型', sqlType: 'char(3)' },
    { column: 'yllb', item: '医疗类别', sqlType: 'varchar(10)' },
    { column: 'ddyyjgbm', item: '定点医药机构编码', sqlType: 'varchar(20)' },
    { column: 'ddyyjgmc', item: '定点医药机构名称', sqlType: 'varchar(200)' },
    { column: 'ryrq', item: '入院日期', sqlType: 'date' },
    { column: 'cyrq', item: '出院日期', sqlType: 'date' },
    { column: 'ylfze', item: '医疗费用总额', sqlType: 'numeric(16,2)' },
    { column: 'jjzfje', item: '基金支付金额', sqlType: 'numeric(16,2)' },
    { column: 'grzhzfje', item: '个人账户支付金额', sqlType: 'numeric(16,2)' },
    { column: 'grxjzfje', item: '个人现金支付金额', sqlType: 'numeric(16,2)' },
    { column: 'jssj', item: '结算时间', sqlType: 'timestamp' },
  ],
  (regionCode, count) => {
    const random = new DemoRandom(`${regionCode}:medical-settlement`);
    const people = demoPeople(regionCode, Math.max(count, 1));
    // 定点医药机构 of the counties the people live in: H… hospitals and clinics, P… pharmacies.
    const facilities = demoCounties(regionCode).flatMap((c, i) => {
      const serial = (n: number) => String(i * 10 + n).padStart(5, '0');
      return [
        { code: `H${c.code}${serial(1)}`, name: `${c.county}人民医院`, pharmacy: false },
        { code: `H${c.code}${serial(2)}`, name: `${c.county}中医院`, pharmacy: false },
        { code: `H${c.code}${serial(3)}`, name: `${c.county}${c.streets[0]}社区卫生服务中心`, pharmacy: false },
        {
          code: `P${c.code}${serial(4)}`,
          name: `${c.prefecture || c.province}康宁大药房${c.streets[0]}店`,
          pharmacy: true,
        },
      ];
    });
    return Array.from({ length: count }, (_, i) => {
      const p = people[random.int(0, people.length - 1)]!;
      const category = random.weighted(MEDICAL_CATEGORIES);
      const employee = random.chance(0.6);
      const pharmacy = category === '定点药店购药';
      const facility = random.pick(facilities.filter((f) => f.pharmacy === pharmacy));
      const admitted = dateBetween(random, '2025-01-01', '2025-12-15');
      const inpatient = category === '住院';
      const discharged = inpatient ? isoDate(dayMs(admitted) + random.int(2, 15) * DAY_MS) : admitted;
      const [low, high] = inpatient
        ? [3_000, 60_000]
        : pharmacy
          ? [20, 500]
          : category === '普通门诊'
            ? [50, 800]
            : [200, 2_000];
      const total = cents(low + random.next() * (high - low));
      const fundShare = pharmacy
        ? 0
        : inpatient
          ? employee
            ? 0.7 + random.next() * 0.2
            : 0.55 + random.next() * 0.15
          : 0.5;
      const fund = cents(total * fundShare);
      const account = employee ? cents(Math.min(total - fund, random.next() * (total - fund))) : 0;
      return {
        jslsh: `${regionCode}${admitted.replaceAll('-', '')}${String(i + 1).padStart(8, '0')}`,
        xm: p.name,
        gmsfhm: p.residentId,
        xzlx: employee ? '310' : '390', // 职工基本医疗保险 / 城乡居民基本医疗保险
        yllb: category,
        ddyyjgbm: facility.code,
        ddyyjgmc: facility.name,
        ryrq: admitted,
        cyrq: discharged,
        ylfze: total,
        jjzfje: fund,
        grzhzfje: account,
        grxjzfje: cents(total - fund - account),
        jssj: timeOn(random, discharged),
      };
    });
  },
);

const housingFund = sampleTable(
  'demo_housing_fund',
  '住房公积金缴存信息样例表（公积金业务管理系统抽取，虚构数据）',
  [
    { column: 'grzh', item: '个人账号', sqlType: 'varchar(20)' },
    { column: 'xm', item: '姓名', sqlType: 'varchar(50)' },
    { column: 'gmsfhm', item: '公民身份号码', sqlType: 'char(18)' },
    { column: 'dwzh', item: '单位账号', sqlType: 'varchar(20)' },
    { column: 'dwmc', item: '单位名称', sqlType: 'varchar(200)' },
    { column: 'jcjs', item: '缴存基数', sqlType: 'numeric(12,2)' },
    { column: 'dwjcbl', item: '单位缴存比例', sqlType: 'numeric(5,2)' },
    { column: 'grjcbl', item: '个人缴存比例', sqlType: 'numeric(5,2)' },
    { column: 'yjce', item: '月缴存额', sqlType: 'numeric(12,2)' },
    { column: 'jzny', item: '缴至年月', sqlType: 'char(6)' },
    { column: 'zhye', item: '账户余额', sqlType: 'numeric(16,2)' },
    { column: 'zhzt', item: '账户状态', sqlType: 'char(2)' },
    { column: 'khrq', item: '开户日期', sqlType: 'date' },
  ],
  (regionCode, count) => {
    const random = new DemoRandom(`${regionCode}:housing-fund`);
    const employers = demoEnterprises(regionCode, Math.max(1, Math.ceil(count / 10))).map((e, i) => ({
      ...e,
      account: `${regionCode.slice(0, 4)}01${String(i + 1).padStart(8, '0')}`,
    }));
    const reference = dayMs(DEMO_REFERENCE_DATE);
    return demoPeople(regionCode, count).map((p, i) => {
      const employer = random.pick(employers);
      const opened = dateBetween(random, maxDate(addYears(p.birthDate, 18), '2000-01-01'), '2025-06-30');
      const base = cents(random.int(2_000, 30_000));
      const ratio = random.pick([5, 6, 7, 8, 10, 12]);
      const monthly = cents((base * ratio * 2) / 100);
      const months = Math.max(1, Math.floor((reference - dayMs(opened)) / (30.44 * DAY_MS)));
      // 01 正常, 02 封存 (the employer stopped paying in), 03 销户 is not in a live extract.
      const sealed = random.chance(0.12);
      const paidTo = sealed ? dateBetween(random, opened, '2025-06-30') : '2025-12-31';
      return {
        grzh: `${regionCode.slice(0, 4)}${String(i + 1).padStart(10, '0')}`,
        xm: p.name,
        gmsfhm: p.residentId,
        dwzh: employer.account,
        dwmc: employer.name,
        jcjs: base,
        dwjcbl: ratio,
        grjcbl: ratio,
        yjce: monthly,
        jzny: paidTo.slice(0, 7).replace('-', ''),
        zhye: cents(monthly * months * (0.2 + random.next() * 0.8)),
        zhzt: sealed ? '02' : '01',
        khrq: opened,
      };
    });
  },
);

/** The sample source tables, by the key templates name them with. */
export const DEMO_SAMPLE_TABLES: Record<string, DemoSampleTable> = {
  population,
  enterprise,
  'real-estate': realEstate,
  'social-insurance': socialInsurance,
  'medical-settlement': medicalSettlement,
  'housing-fund': housingFund,
};
