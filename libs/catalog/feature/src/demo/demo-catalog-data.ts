import { usccCheckDigit } from '@govdata/codes';
import type { EntryContentInput } from '../entries/entry-content.js';
import type { Deployment } from '../systems/information-system.js';
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
 * The demo catalog (演示目錄): what the departments of the demo nodes would register — their
 * 政務信息系統, their data resources with items, and sample source tables to mount. Pure data: the
 * demo seeder instantiates each department's templates once per organisation of that kind on each
 * node, puts the node's region into the content and resolves system names to system ids.
 *
 * Everything here is invented (names, codes, figures), shaped like the real thing. A few resources
 * are registered by two departments on purpose, so the 一數一源 check has something to show: the
 * data authority's 人口綜合庫 and 法人綜合庫 copy the public-security and market-regulation
 * registers, human resources keeps its own 參保人員基本信息, and medical insurance registers
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
 * characters). Order matters: 住房公積金管理中心 before anything else, 醫療保障 before 社會保障.
 */
const KIND_BY_NAME: ReadonlyArray<readonly [DemoDepartmentKind, RegExp]> = [
  ['housing-fund', /公積金|公积金/],
  ['medical-insurance', /醫療保障|医疗保障|醫保局|医保局/],
  ['public-security', /公安/],
  ['market-regulation', /市場監督|市场监督|市場監管|市场监管|工商行政/],
  ['natural-resources', /自然資源|自然资源|國土資源|国土资源/],
  ['human-resources', /人力資源|人力资源|社會保險|社会保险|人社/],
  ['data-authority', /數據局|数据局|政務服務|政务服务|大數據|大数据|數據資源|数据资源/],
];

export function departmentKindOf(organisationName: string): DemoDepartmentKind | undefined {
  return KIND_BY_NAME.find(([, pattern]) => pattern.test(organisationName))?.[0];
}

// ---------------------------------------------------------------------------------------------
// 政務信息系統

/** 政務信息系統 of a demo department. */
export interface DemoSystem {
  name: string;
  description: string;
  deployment: Deployment;
}

export const DEMO_SYSTEMS: Record<DemoDepartmentKind, DemoSystem[]> = {
  'public-security': [
    {
      name: '人口信息管理系統',
      description: '常住人口、暫住人口登記與戶籍業務辦理，居民身份證受理簽發，人口信息核驗服務。',
      deployment: 'own-data-centre',
    },
    {
      name: '出入境管理信息系統',
      description: '普通護照、往來港澳台通行證受理審批與簽發，出入境證件信息查詢。',
      deployment: 'own-data-centre',
    },
    {
      name: '公安交通管理綜合應用平臺',
      description: '機動車和駕駛人登記、交通違法處理、道路交通事故處理等交通管理業務。',
      deployment: 'own-data-centre',
    },
  ],
  'market-regulation': [
    {
      name: '市場主體登記系統',
      description: '企業、個體工商戶、農民專業合作社設立、變更、註銷登記全程電子化辦理。',
      deployment: 'gov-cloud',
    },
    {
      name: '企業信用信息公示系統',
      description: '市場主體登記備案、年度報告、行政處罰、經營異常名錄和嚴重違法失信名單公示。',
      deployment: 'gov-cloud',
    },
    {
      name: '市場監管綜合業務平臺',
      description: '食品生產經營許可、特種設備、計量、價格監測、投訴舉報和行政執法業務。',
      deployment: 'gov-cloud',
    },
  ],
  'human-resources': [
    {
      name: '社會保險經辦系統',
      description: '養老、失業、工傷保險參保登記、繳費核定、待遇核發和關係轉移接續。',
      deployment: 'gov-cloud',
    },
    {
      name: '就業創業公共服務信息系統',
      description: '就業失業登記、職業介紹、職業技能評價和勞動人事爭議調解仲裁。',
      deployment: 'gov-cloud',
    },
    {
      name: '社會保障卡管理信息系統',
      description: '社會保障卡申領、製發、掛失、補換和電子社保卡簽發。',
      deployment: 'hosted',
    },
  ],
  'medical-insurance': [
    {
      name: '醫保信息平臺',
      description: '全國統一醫療保障信息平臺本地部署：參保登記、定點醫藥機構結算、異地就醫和待遇管理。',
      deployment: 'gov-cloud',
    },
    {
      name: '醫保基金智能監管系統',
      description: '醫保基金使用事前提醒、事中審核、事後監管及違法違規行為處理。',
      deployment: 'gov-cloud',
    },
    {
      name: '醫藥集中採購平臺',
      description: '藥品和醫用耗材集中帶量採購、掛網、價格監測。',
      deployment: 'gov-cloud',
    },
  ],
  'natural-resources': [
    {
      name: '不動產登記信息管理平臺',
      description: '不動產首次、轉移、變更、抵押、查封、預告登記業務辦理與登記簿管理。',
      deployment: 'gov-cloud',
    },
    {
      name: '國土空間基礎信息平臺',
      description: '國土調查、國土空間規劃、永久基本農田、地質災害等空間數據的匯聚與“一張圖”應用。',
      deployment: 'own-data-centre',
    },
    {
      name: '自然資源業務審批系統',
      description: '建設用地審批、土地供應、規劃許可、礦業權審批等業務辦理。',
      deployment: 'gov-cloud',
    },
  ],
  'housing-fund': [
    {
      name: '住房公積金綜合服務平臺',
      description: '網上業務大廳、手機公積金、12329熱線等服務渠道的統一接入。',
      deployment: 'gov-cloud',
    },
    {
      name: '住房公積金業務管理系統',
      description: '歸集、提取、個人住房貸款、資金和財務核算等核心業務。',
      deployment: 'own-data-centre',
    },
    {
      name: '12329服務熱線系統',
      description: '住房公積金12329熱線和短信服務，工單受理、流轉與回訪。',
      deployment: 'hosted',
    },
  ],
  'data-authority': [
    {
      name: '政務數據共享交換平臺',
      description: '人口、法人等基礎庫的匯聚治理，部門間數據共享申請、審核與接口調用。',
      deployment: 'gov-cloud',
    },
    {
      name: '一體化政務服務平臺',
      description: '政務服務事項管理、網上辦事、辦件匯聚和“好差評”評價。',
      deployment: 'gov-cloud',
    },
    {
      name: '12345政務服務便民熱線系統',
      description: '12345熱線訴求受理、派單、辦理、回訪和知識庫。',
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
 * 數據元 identifiers shared by every department (in the style of GA/T 543 公安數據元: DE + five
 * digits; demo identifiers, not checked against the standard). Items that carry the same one are
 * the same data whatever their name — which is how 社會保障號碼 meets 公民身份號碼.
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
/** 數值型 */
const N = (name: string, length: number): DemoItem => ({ name, dataType: 'N', length });
/** 貨幣型 */
const Y = (name: string, length = 16): DemoItem => ({ name, dataType: 'Y', length });
/** 日期型 */
const D = (name: string, dataElement?: string) => withElement({ name, dataType: 'D' }, dataElement);
/** 日期時間型 */
const T = (name: string): DemoItem => ({ name, dataType: 'T' });
/** 邏輯型 */
const L = (name: string): DemoItem => ({ name, dataType: 'L' });
/** 備注型 */
const M = (name: string): DemoItem => ({ name, dataType: 'M' });
/** 整型 */
const I = (name: string): DemoItem => ({ name, dataType: 'I' });
/** 浮點型 */
const F = (name: string): DemoItem => ({ name, dataType: 'F' });

const NAME = C('姓名', 50, DE.name);
const RESIDENT_ID = C('公民身份號碼', 18, DE.residentId);
const GENDER = C('性別', 1, DE.gender);
const ETHNICITY = C('民族', 2, DE.ethnicity);
const BIRTH_DATE = D('出生日期', DE.birthDate);
const HOUSEHOLD_ADDRESS = C('戶籍地址', 200, DE.address);
const PHONE = C('聯繫電話', 20, DE.phone);
const USCC = C('統一社會信用代碼', 18, DE.uscc);
const ENTERPRISE_NAME = C('企業名稱', 200, DE.enterpriseName);
const LEGAL_REPRESENTATIVE = C('法定代表人', 50, DE.legalRepresentative);
const REAL_ESTATE_UNIT = C('不動產單元號', 28, DE.realEstateUnit);

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
  '限政務部門因依法履行職責需要使用，經共享平臺申請並經提供方審核同意；使用方須落實個人信息保護措施，不得向第三方提供或用於其他用途。';
const IDENTITY_CHECK =
  '政務部門辦理政務服務事項或履行法定職責時使用；優先以身份核驗（返回一致/不一致）方式提供，批量共享須經提供方和數據主管部門審核。';
const FOR_SUPERVISION = '限相關業務主管部門辦理行政審批、監管執法時使用，經提供方審核後通過共享平臺接口獲取。';
const FOR_AUTHORITIES = '限人民法院、人民檢察院、公安機關等有權機關依法查詢，須出具協助查詢文書，經提供方審核後提供。';
const FOR_HOUSING_ETC =
  '住房保障、公積金、稅務、民政等部門辦理相關業務時使用，須經提供方審核同意，以接口查詢方式提供。';
const OPEN_ON_APPLICATION =
  '通過公共數據開放平臺實名申請，簽訂數據使用協議後以接口方式獲取，不得用於商業營銷和個人畫像。';
const OPEN_AGGREGATED = '以統計匯總或脫敏形式開放：申請人實名註冊並說明用途，經提供方審核後獲取。';

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
      '轄區內常住戶籍人口的基本身份信息，包括姓名、公民身份號碼、性別、民族、出生日期、戶籍地址等，是人口基礎庫的權威來源。',
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
      C('籍貫', 100),
      HOUSEHOLD_ADDRESS,
      C('文化程度', 2),
      C('婚姻狀況', 2),
      PHONE,
      D('登記日期'),
    ],
    tags: ['人口', '基礎庫', '身份核驗'],
    system: '人口信息管理系統',
    sampleTable: 'population',
  },
  {
    name: '常住人口戶籍登記信息',
    abstract: '常住人口登記表及戶口簿信息：戶號、戶別、戶主及與戶主關係、戶口登記機關等。',
    classificationCode: '101002',
    grade: { category: 'important' },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('戶號', 9),
      C('戶別', 1),
      C('戶主姓名', 50),
      C('與戶主關係', 2),
      NAME,
      RESIDENT_ID,
      HOUSEHOLD_ADDRESS,
      C('戶口登記機關', 100),
      D('登記日期'),
    ],
    tags: ['人口', '戶籍'],
    system: '人口信息管理系統',
  },
  {
    name: '戶口遷移登記信息',
    abstract: '戶口遷入、遷出登記記錄，含遷移類型、遷出地與遷入地、遷移原因和准予遷入證明。',
    classificationCode: '101002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      NAME,
      RESIDENT_ID,
      C('遷移類型', 2),
      C('遷出地詳址', 200),
      C('遷入地詳址', 200),
      C('遷移原因', 2),
      C('准予遷入證明編號', 20),
      D('遷移日期'),
      C('承辦單位', 100),
    ],
    tags: ['戶籍', '遷移'],
    system: '人口信息管理系統',
  },
  {
    name: '出生登記信息',
    abstract:
      '新生兒出生申報戶口登記信息，含出生醫學證明編號和父母身份信息，供衛健、醫保、教育等部門辦理“出生一件事”。',
    classificationCode: '101002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'daily',
    items: [
      C('新生兒姓名', 50),
      C('新生兒性別', 1),
      D('新生兒出生日期'),
      C('出生醫學證明編號', 10),
      C('出生地', 200),
      C('父親公民身份號碼', 18),
      C('母親公民身份號碼', 18),
      C('申報人姓名', 50),
      D('申報日期'),
      C('落戶地址', 200),
    ],
    tags: ['出生一件事', '戶籍'],
    system: '人口信息管理系統',
  },
  {
    name: '死亡註銷戶口信息',
    abstract: '因死亡註銷戶口的登記信息，供人社、醫保、民政等部門及時停發待遇、終止參保。',
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
      C('死亡原因類別', 2),
      C('死亡證明編號', 20),
      D('註銷日期'),
      C('註銷機關', 100),
    ],
    tags: ['戶籍', '待遇核查'],
    system: '人口信息管理系統',
  },
  {
    name: '居民身份證簽發信息',
    abstract: '居民身份證受理、簽發和有效期信息，提供身份證件有效性核驗。',
    classificationCode: '105001',
    grade: { category: 'important' },
    sharing: sharedOn(IDENTITY_CHECK),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'realtime',
    items: [
      NAME,
      RESIDENT_ID,
      C('簽發機關', 100),
      D('有效期起始日期'),
      D('有效期截止日期'),
      C('證件狀態', 2),
      C('申領原因', 2),
      D('受理日期'),
    ],
    tags: ['電子證照', '身份證'],
    system: '人口信息管理系統',
  },
  {
    name: '居住證信息',
    abstract: '居住證申領、簽發和簽注信息，用於非戶籍人口享受基本公共服務。',
    classificationCode: '105001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('居住證編號', 20),
      NAME,
      RESIDENT_ID,
      C('居住地址', 200),
      C('居住事由', 2),
      D('簽發日期'),
      D('有效期截止日期'),
      I('簽注次數'),
    ],
    tags: ['居住證', '流動人口'],
    system: '人口信息管理系統',
  },
  {
    name: '流動人口居住登記信息',
    abstract: '來本地居住半年以下流動人口的居住登記，含現居住地址、房東和所屬社區，服務基層社會治理。',
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
      C('現居住地址', 200),
      D('來本地日期'),
      C('居住事由', 2),
      C('房東姓名', 50),
      D('居住登記日期'),
      C('所屬社區', 100),
    ],
    tags: ['流動人口', '社區治理'],
    system: '人口信息管理系統',
    state: 'submitted',
  },
  {
    name: '出入境證件簽發信息',
    abstract: '普通護照、往來港澳通行證、往來台灣通行證的簽發和有效狀態。',
    classificationCode: '105001',
    grade: { category: 'important' },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'daily',
    items: [
      NAME,
      RESIDENT_ID,
      C('證件種類', 2),
      C('證件號碼', 20),
      D('簽發日期'),
      D('有效期至'),
      C('簽發機關', 100),
      C('證件狀態', 2),
    ],
    tags: ['出入境', '電子證照'],
    system: '出入境管理信息系統',
  },
  {
    name: '機動車登記信息',
    abstract: '機動車註冊、轉移、變更、抵押和註銷登記信息，含號牌、車輛識別代號、所有人和檢驗有效期。',
    classificationCode: '105001',
    grade: { category: 'general', level: 2 },
    sharing: sharedOn(FOR_SUPERVISION),
    open: NOT_OPEN,
    format: DB('Oracle'),
    updateCycle: 'daily',
    items: [
      C('號牌號碼', 15),
      C('號牌種類', 2),
      C('車輛識別代號', 17),
      C('車輛品牌', 50),
      C('車輛類型', 3),
      C('使用性質', 2),
      C('所有人名稱', 200),
      C('所有人證件號碼', 30),
      D('初次登記日期'),
      C('機動車狀態', 10),
      D('檢驗有效期止'),
    ],
    tags: ['交通管理', '機動車'],
    system: '公安交通管理綜合應用平臺',
  },
  {
    name: '機動車駕駛證信息',
    abstract: '機動車駕駛人的準駕車型、領證日期、記分和駕駛證狀態。',
    classificationCode: '105001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'daily',
    items: [
      C('駕駛證號', 18),
      NAME,
      C('準駕車型', 15),
      D('初次領證日期'),
      D('有效期起始日期'),
      D('有效期截止日期'),
      I('累積記分'),
      C('駕駛證狀態', 10),
      C('發證機關', 100),
    ],
    tags: ['交通管理', '駕駛證'],
    system: '公安交通管理綜合應用平臺',
  },
  {
    name: '道路交通事故信息',
    abstract: '道路交通事故發生時間、地點、形態、傷亡和財產損失，匯總數據可申請開放用於交通安全研究。',
    classificationCode: '205',
    grade: { category: 'general', level: 2 },
    sharing: sharedOn(FOR_SUPERVISION),
    open: openOn(OPEN_AGGREGATED),
    format: DB('Oracle'),
    updateCycle: 'monthly',
    items: [
      C('事故編號', 30),
      T('事故發生時間'),
      C('事故地點', 200),
      C('事故形態', 2),
      C('天氣', 2),
      I('死亡人數'),
      I('受傷人數'),
      Y('直接財產損失'),
      C('事故認定原因', 200),
      C('處理機關', 100),
    ],
    tags: ['交通安全', '事故'],
    system: '公安交通管理綜合應用平臺',
  },
  {
    name: '道路交通違法信息',
    abstract: '機動車交通違法記錄，含違法時間、地點、行為代碼、記分和罰款，供運輸管理和信用評價使用。',
    classificationCode: '208',
    grade: { category: 'general', level: 2 },
    sharing: sharedOn(FOR_SUPERVISION),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'realtime',
    items: [
      C('違法編號', 30),
      C('號牌號碼', 15),
      T('違法時間'),
      C('違法地點', 200),
      C('違法行為代碼', 5),
      I('違法記分'),
      Y('罰款金額', 12),
      C('處理狀態', 2),
      C('採集機關', 100),
    ],
    tags: ['交通管理', '信用'],
    system: '公安交通管理綜合應用平臺',
  },
  {
    name: '無犯罪記錄證明開具信息',
    abstract: '無犯罪記錄證明的開具記錄，用於求職、入學、出國等場景的證明核驗。',
    classificationCode: '105001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(IDENTITY_CHECK),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'daily',
    items: [
      C('證明編號', 30),
      NAME,
      RESIDENT_ID,
      C('開具用途', 100),
      C('查詢結果', 200),
      D('開具日期'),
      C('開具機關', 100),
    ],
    tags: ['證明', '電子證照'],
    system: '人口信息管理系統',
  },
  {
    name: '犯罪人員信息',
    abstract: '經人民法院生效判決認定有罪人員的判決和刑罰執行信息。',
    classificationCode: '212',
    grade: { category: 'core' },
    sharing: notShared(
      '《中華人民共和國刑事訴訟法》第二百八十六條（犯罪記錄封存）及《公安機關辦理犯罪記錄查詢工作規定》：犯罪記錄僅依法定程序查詢，不通過共享平臺提供。',
    ),
    open: NOT_OPEN,
    format: DB('Oracle'),
    updateCycle: 'daily',
    items: [
      NAME,
      RESIDENT_ID,
      C('案件編號', 30),
      C('罪名', 100),
      C('判決法院', 100),
      D('判決日期'),
      C('刑罰種類', 2),
      C('刑期', 50),
      D('刑滿釋放日期'),
    ],
    tags: ['刑事', '敏感'],
  },
  {
    name: '旅館業住宿登記信息',
    abstract: '旅館業經營單位上傳的旅客入住和退房登記信息。',
    classificationCode: '210',
    grade: { category: 'important' },
    sharing: sharedOn('限公安機關、國家安全機關依法開展調查時查詢，須經提供方審批。'),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'realtime',
    items: [
      C('旅館名稱', 200),
      C('旅館統一社會信用代碼', 18),
      C('旅客姓名', 50),
      C('旅客證件號碼', 30),
      T('入住時間'),
      T('退房時間'),
      C('房間號', 10),
    ],
    tags: ['治安管理', '旅館業'],
  },
  {
    name: '保安服務許可證信息',
    abstract: '保安服務公司許可證核發信息，向社會公開。',
    classificationCode: '105001',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: SHEET,
    updateCycle: 'quarterly',
    items: [
      C('許可證編號', 30),
      C('保安服務公司名稱', 200),
      USCC,
      LEGAL_REPRESENTATIVE,
      C('服務範圍', 500),
      Y('註冊資本', 18),
      D('發證日期'),
      C('發證機關', 100),
    ],
    tags: ['行政許可', '保安服務'],
    state: 'draft',
  },
  {
    name: '戶籍人口統計信息',
    abstract: '按行政區劃和年度匯總的戶數、戶籍人口、性別構成和出生、死亡、遷移人數。',
    classificationCode: '101',
    grade: { category: 'general', level: 1 },
    sharing: { type: 'unconditional', methods: ['platform', 'email'] },
    open: OPEN,
    format: SHEET,
    updateCycle: 'yearly',
    items: [
      C('統計年度', 4),
      C('行政區劃代碼', 6),
      C('行政區劃名稱', 100),
      I('戶數'),
      I('戶籍人口數'),
      I('男性人口數'),
      I('女性人口數'),
      I('出生人口數'),
      I('死亡人口數'),
      I('遷入人口數'),
      I('遷出人口數'),
    ],
    tags: ['人口', '統計'],
  },
]);

const MARKET_REGULATION = templates('market-regulation', [
  {
    name: '企業登記信息',
    abstract:
      '企業設立登記的基本信息：統一社會信用代碼、名稱、類型、法定代表人、註冊資本、成立日期、住所、經營範圍和登記狀態，是法人基礎庫的權威來源。',
    classificationCode: '102002',
    grade: { category: 'general', level: 1 },
    sharing: { type: 'unconditional', methods: ['platform', 'media'] },
    open: OPEN,
    format: DB(),
    updateCycle: 'realtime',
    items: [
      USCC,
      ENTERPRISE_NAME,
      C('企業類型', 100),
      LEGAL_REPRESENTATIVE,
      Y('註冊資本', 18),
      D('成立日期'),
      D('營業期限自'),
      D('營業期限至'),
      C('住所', 300),
      M('經營範圍'),
      C('登記機關', 100),
      D('核准日期'),
      C('登記狀態', 20),
    ],
    tags: ['法人', '基礎庫', '企業'],
    system: '市場主體登記系統',
    sampleTable: 'enterprise',
  },
  {
    name: '個體工商戶登記信息',
    abstract: '個體工商戶註冊登記信息，經營者身份信息僅共享不開放。',
    classificationCode: '102002',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: openOn('開放名稱、經營場所、經營範圍和登記狀態；經營者身份證件號碼不予開放。'),
    format: DB(),
    updateCycle: 'daily',
    items: [
      USCC,
      C('個體工商戶名稱', 200),
      C('經營者姓名', 50),
      C('經營者公民身份號碼', 18),
      C('組成形式', 20),
      Y('資金數額', 18),
      C('經營場所', 300),
      M('經營範圍'),
      D('註冊日期'),
      C('登記機關', 100),
      C('登記狀態', 20),
    ],
    tags: ['個體工商戶', '市場主體'],
    system: '市場主體登記系統',
  },
  {
    name: '農民專業合作社登記信息',
    abstract: '農民專業合作社（聯合社）設立登記信息，含成員出資總額和成員人數。',
    classificationCode: '102002',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      USCC,
      C('合作社名稱', 200),
      LEGAL_REPRESENTATIVE,
      Y('成員出資總額', 18),
      I('成員人數'),
      D('成立日期'),
      C('住所', 300),
      M('業務範圍'),
      C('登記機關', 100),
      C('登記狀態', 20),
    ],
    tags: ['合作社', '市場主體', '鄉村振興'],
    system: '市場主體登記系統',
  },
  {
    name: '企業變更登記信息',
    abstract: '企業名稱、住所、法定代表人、註冊資本、經營範圍等登記事項的變更記錄。',
    classificationCode: '102002',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: API(),
    updateCycle: 'realtime',
    items: [
      USCC,
      ENTERPRISE_NAME,
      C('變更事項', 100),
      M('變更前內容'),
      M('變更後內容'),
      D('變更日期'),
      C('登記機關', 100),
    ],
    tags: ['企業', '變更登記'],
    system: '市場主體登記系統',
  },
  {
    name: '企業註銷登記信息',
    abstract: '企業簡易註銷和普通註銷登記信息，供稅務、人社、公積金等部門同步辦理註銷。',
    classificationCode: '102002',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: API(),
    updateCycle: 'daily',
    items: [
      USCC,
      ENTERPRISE_NAME,
      C('註銷原因', 100),
      C('註銷方式', 20),
      C('清算組負責人', 50),
      D('註銷日期'),
      C('登記機關', 100),
    ],
    tags: ['企業', '註銷', '一件事'],
    system: '市場主體登記系統',
    state: 'submitted',
  },
  {
    name: '企業股東及出資信息',
    abstract: '有限責任公司股東（發起人）名稱、認繳和實繳出資額、出資方式與期限。',
    classificationCode: '102002',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: openOn(OPEN_ON_APPLICATION),
    format: DB(),
    updateCycle: 'daily',
    items: [
      USCC,
      ENTERPRISE_NAME,
      C('股東名稱', 200),
      C('股東類型', 20),
      C('股東證件號碼', 30),
      Y('認繳出資額', 18),
      D('認繳出資日期'),
      Y('實繳出資額', 18),
      C('出資方式', 50),
    ],
    tags: ['企業', '股東'],
    system: '市場主體登記系統',
  },
  {
    name: '企業主要人員信息',
    abstract: '企業董事、監事、經理等主要人員的姓名、職務和證件信息。',
    classificationCode: '102002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_SUPERVISION),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      USCC,
      ENTERPRISE_NAME,
      C('人員姓名', 50),
      C('職務', 50),
      C('證件類型', 20),
      C('證件號碼', 30),
      D('任職日期'),
    ],
    tags: ['企業', '高管'],
    system: '市場主體登記系統',
  },
  {
    name: '企業年度報告信息',
    abstract: '企業通過公示系統報送的年度報告，含從業人數、資產、營業收入和納稅情況。',
    classificationCode: '102002',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'yearly',
    items: [
      USCC,
      ENTERPRISE_NAME,
      C('報告年度', 4),
      I('從業人數'),
      Y('資產總額', 18),
      Y('營業總收入', 18),
      Y('納稅總額', 18),
      C('企業通信地址', 300),
      PHONE,
      D('公示日期'),
    ],
    tags: ['年報', '信用公示'],
    system: '企業信用信息公示系統',
  },
  {
    name: '經營異常名錄信息',
    abstract: '列入和移出經營異常名錄的市場主體、原因和作出決定機關。',
    classificationCode: '104002',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: API(),
    updateCycle: 'daily',
    items: [
      USCC,
      ENTERPRISE_NAME,
      C('列入經營異常名錄原因', 200),
      D('列入日期'),
      C('作出決定機關', 100),
      C('移出經營異常名錄原因', 200),
      D('移出日期'),
    ],
    tags: ['信用', '聯合懲戒'],
    system: '企業信用信息公示系統',
  },
  {
    name: '嚴重違法失信主體名單信息',
    abstract: '列入市場監督管理嚴重違法失信名單的主體、事由和決定文書。',
    classificationCode: '104002',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: API(),
    updateCycle: 'daily',
    items: [
      USCC,
      C('主體名稱', 200),
      LEGAL_REPRESENTATIVE,
      C('列入事由', 500),
      D('列入日期'),
      C('決定文書號', 100),
      C('作出決定機關', 100),
      D('移出日期'),
    ],
    tags: ['信用', '失信懲戒'],
    system: '企業信用信息公示系統',
  },
  {
    name: '市場監管行政處罰信息',
    abstract: '市場監管部門作出的行政處罰決定，按《市場監督管理行政處罰信息公示規定》公示。',
    classificationCode: '104002',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('行政處罰決定書文號', 100),
      C('當事人名稱', 200),
      USCC,
      C('違法行為類型', 200),
      M('違法事實'),
      M('處罰依據'),
      M('處罰內容'),
      Y('罰沒款金額', 18),
      D('處罰決定日期'),
      C('處罰機關', 100),
    ],
    tags: ['行政處罰', '雙公示'],
    system: '市場監管綜合業務平臺',
  },
  {
    name: '食品生產許可證信息',
    abstract: '食品、食品添加劑生產許可證的核發、變更、延續和註銷信息。',
    classificationCode: '204001',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('許可證編號', 16),
      C('生產者名稱', 200),
      USCC,
      LEGAL_REPRESENTATIVE,
      C('住所', 300),
      C('生產地址', 300),
      C('食品類別', 200),
      D('發證日期'),
      D('有效期至'),
      C('發證機關', 100),
    ],
    tags: ['食品安全', '行政許可'],
    system: '市場監管綜合業務平臺',
  },
  {
    name: '食品經營許可證信息',
    abstract: '食品經營者的許可證核發信息，含主體業態和經營項目。',
    classificationCode: '204001',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('許可證編號', 16),
      C('經營者名稱', 200),
      USCC,
      C('負責人', 50),
      C('經營場所', 300),
      C('主體業態', 50),
      M('經營項目'),
      D('發證日期'),
      D('有效期至'),
      C('發證機關', 100),
    ],
    tags: ['食品安全', '行政許可'],
    system: '市場監管綜合業務平臺',
  },
  {
    name: '特種設備使用登記信息',
    abstract: '鍋爐、壓力容器、電梯、起重機械等特種設備的使用登記和定期檢驗信息。',
    classificationCode: '205',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: openOn(OPEN_ON_APPLICATION),
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('使用登記證編號', 30),
      C('設備種類', 50),
      C('設備代碼', 30),
      C('使用單位名稱', 200),
      USCC,
      C('設備使用地點', 300),
      D('下次檢驗日期'),
      D('使用登記日期'),
      C('設備狀態', 10),
    ],
    tags: ['特種設備', '安全生產'],
    system: '市場監管綜合業務平臺',
  },
  {
    name: '工業產品生產許可證信息',
    abstract: '實行生產許可證管理的重要工業產品獲證企業名單。',
    classificationCode: '105001',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: SHEET,
    updateCycle: 'monthly',
    items: [
      C('證書編號', 30),
      ENTERPRISE_NAME,
      USCC,
      C('產品名稱', 200),
      C('住所', 300),
      C('生產地址', 300),
      D('發證日期'),
      D('有效期至'),
      C('發證機關', 100),
    ],
    tags: ['行政許可', '產品質量'],
  },
  {
    name: '重要商品價格監測信息',
    abstract: '糧油、肉禽蛋、蔬菜等重要民生商品監測點的周價格和環比變化。',
    classificationCode: '206',
    grade: { category: 'general', level: 1 },
    sharing: { type: 'unconditional', methods: ['platform', 'email'] },
    open: OPEN,
    format: SHEET,
    updateCycle: 'weekly',
    items: [
      D('監測日期'),
      C('監測點名稱', 200),
      C('商品名稱', 100),
      C('規格等級', 100),
      C('計量單位', 10),
      Y('本期價格', 10),
      Y('上期價格', 10),
      F('環比'),
    ],
    tags: ['價格監測', '民生'],
    system: '市場監管綜合業務平臺',
  },
  {
    name: '消費投訴舉報信息',
    abstract: '12315平臺受理的消費者投訴和舉報，含被投訴主體、投訴類別和處理結果。',
    classificationCode: '201',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_SUPERVISION),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('登記編號', 30),
      C('投訴人姓名', 50),
      C('投訴人聯繫電話', 20),
      C('被投訴主體名稱', 200),
      C('被投訴主體統一社會信用代碼', 18),
      C('投訴類別', 50),
      M('投訴內容'),
      T('登記時間'),
      M('處理結果'),
      D('辦結日期'),
    ],
    tags: ['12315', '消費維權'],
    system: '市場監管綜合業務平臺',
    state: 'returned',
  },
]);

/** Owners of human-resources resources where a ministry node has its centres as organisations. */
const SOCIAL_INSURANCE_AGENCY = /社會保險事業管理中心|社会保险事业管理中心|社保中心/;
const INFORMATION_CENTRE = /信息中心/;

const HUMAN_RESOURCES = templates('human-resources', [
  {
    name: '社會保險參保信息',
    owner: SOCIAL_INSURANCE_AGENCY,
    abstract: '職工養老、失業、工傷保險參保登記信息：險種、參保狀態、首次參保日期、參保單位和繳費基數。',
    classificationCode: '203001',
    grade: { category: 'important' },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'realtime',
    items: [
      C('個人編號', 20),
      NAME,
      RESIDENT_ID,
      C('險種類型', 3),
      C('參保狀態', 2),
      D('首次參保日期'),
      D('本次參保日期'),
      C('參保單位名稱', 200),
      C('參保單位統一社會信用代碼', 18),
      Y('繳費基數', 12),
      I('累計繳費月數'),
      C('參保地行政區劃代碼', 6),
    ],
    tags: ['社保', '參保', '養老保險'],
    system: '社會保險經辦系統',
    sampleTable: 'social-insurance',
  },
  {
    name: '參保人員基本信息',
    owner: SOCIAL_INSURANCE_AGENCY,
    abstract: '社會保險經辦機構登記的參保人員身份信息（以社會保障號碼標識），用於參保登記和待遇發放。',
    classificationCode: '203001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      NAME,
      C('社會保障號碼', 18, DE.residentId),
      GENDER,
      ETHNICITY,
      BIRTH_DATE,
      HOUSEHOLD_ADDRESS,
      PHONE,
      D('參加工作日期'),
    ],
    tags: ['社保', '人員'],
    system: '社會保險經辦系統',
  },
  {
    name: '參保單位信息',
    owner: SOCIAL_INSURANCE_AGENCY,
    abstract: '參加社會保險的用人單位登記信息，含參保險種、參保人數和繳費狀態。',
    classificationCode: '203001',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('單位編號', 20),
      C('單位名稱', 200),
      USCC,
      C('單位類型', 3),
      LEGAL_REPRESENTATIVE,
      C('單位地址', 300),
      C('參保險種', 100),
      I('參保人數'),
      C('繳費狀態', 2),
      C('經辦機構', 100),
      D('單位首次參保日期'),
    ],
    tags: ['社保', '用人單位'],
    system: '社會保險經辦系統',
  },
  {
    name: '養老保險繳費信息',
    owner: SOCIAL_INSURANCE_AGENCY,
    abstract: '企業職工基本養老保險按月繳費明細，含單位和個人繳費金額及到賬日期。',
    classificationCode: '203001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_HOUSING_ETC),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('個人編號', 20),
      NAME,
      RESIDENT_ID,
      C('費款所屬期', 6),
      Y('繳費基數', 12),
      Y('單位繳費金額', 12),
      Y('個人繳費金額', 12),
      D('到賬日期'),
      C('繳費類型', 2),
    ],
    tags: ['社保', '繳費', '養老保險'],
    system: '社會保險經辦系統',
  },
  {
    name: '養老保險待遇發放信息',
    owner: SOCIAL_INSURANCE_AGENCY,
    abstract: '企業職工和機關事業單位離退休人員基本養老金核定與按月發放記錄。',
    classificationCode: '203001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('個人編號', 20),
      NAME,
      RESIDENT_ID,
      C('待遇類型', 2),
      D('離退休日期'),
      Y('基本養老金', 12),
      C('發放年月', 6),
      Y('發放金額', 12),
      C('發放狀態', 2),
      C('發放銀行', 100),
    ],
    tags: ['社保', '待遇', '養老保險'],
    system: '社會保險經辦系統',
  },
  {
    name: '城鄉居民基本養老保險參保信息',
    owner: SOCIAL_INSURANCE_AGENCY,
    abstract: '城鄉居民養老保險參保、繳費檔次、政府補貼和待遇領取狀態。',
    classificationCode: '203001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      NAME,
      RESIDENT_ID,
      C('戶籍性質', 2),
      D('參保日期'),
      Y('繳費檔次', 10),
      Y('政府補貼金額', 10),
      C('待遇領取狀態', 2),
      C('所在村（社區）', 200),
    ],
    tags: ['社保', '城鄉居民'],
    system: '社會保險經辦系統',
  },
  {
    name: '失業保險金申領發放信息',
    owner: SOCIAL_INSURANCE_AGENCY,
    abstract: '失業人員申領失業保險金的核定和發放記錄。',
    classificationCode: '203001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      NAME,
      RESIDENT_ID,
      D('失業日期'),
      D('申領日期'),
      I('核定領取月數'),
      Y('月發放標準', 10),
      I('已領月數'),
      C('原工作單位名稱', 200),
    ],
    tags: ['失業保險', '待遇'],
    system: '社會保險經辦系統',
  },
  {
    name: '工傷認定信息',
    owner: SOCIAL_INSURANCE_AGENCY,
    abstract: '職工工傷（視同工傷）認定決定，含事故時間地點、傷害部位和認定結論。',
    classificationCode: '203001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('認定決定書編號', 50),
      C('職工姓名', 50),
      RESIDENT_ID,
      C('用人單位名稱', 200),
      T('事故發生時間'),
      C('事故發生地點', 200),
      C('傷害部位', 100),
      C('認定結論', 20),
      D('認定日期'),
    ],
    tags: ['工傷保險'],
    system: '社會保險經辦系統',
  },
  {
    name: '勞動能力鑒定信息',
    owner: SOCIAL_INSURANCE_AGENCY,
    abstract: '工傷職工勞動能力鑒定結論，含傷殘等級和生活自理障礙程度。',
    classificationCode: '203001',
    grade: { category: 'general', level: 4 },
    sharing: notShared(
      '《工傷保險條例》第二十四條、第二十九條及《中華人民共和國個人信息保護法》第二十八條：鑒定結論屬個人健康敏感信息，只送達申請人和用人單位。',
    ),
    open: NOT_OPEN,
    format: SHEET,
    updateCycle: 'monthly',
    items: [
      C('鑒定結論書編號', 50),
      NAME,
      RESIDENT_ID,
      C('鑒定類別', 20),
      C('傷殘等級', 10),
      C('生活自理障礙程度', 10),
      D('鑒定日期'),
      C('鑒定委員會', 100),
    ],
    tags: ['工傷保險', '勞動能力鑒定'],
  },
  {
    name: '社會保障卡持卡信息',
    owner: INFORMATION_CENTRE,
    abstract: '社會保障卡（含電子社保卡）的發卡、狀態和有效期信息，支持持卡人身份核驗。',
    classificationCode: '105001',
    grade: { category: 'important' },
    sharing: sharedOn(IDENTITY_CHECK),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'realtime',
    items: [
      C('社會保障卡卡號', 9),
      NAME,
      RESIDENT_ID,
      C('發卡地行政區劃代碼', 6),
      C('卡狀態', 2),
      D('發卡日期'),
      D('卡有效期至'),
      C('金融賬戶開戶銀行', 100),
    ],
    tags: ['社保卡', '電子證照'],
    system: '社會保障卡管理信息系統',
  },
  {
    name: '就業登記信息',
    owner: INFORMATION_CENTRE,
    abstract: '勞動者就業登記信息，含就業形式、用工單位和勞動合同期限。',
    classificationCode: '201',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      NAME,
      RESIDENT_ID,
      C('就業形式', 2),
      C('用工單位名稱', 200),
      C('用工單位統一社會信用代碼', 18),
      D('就業日期'),
      C('勞動合同期限類型', 2),
      C('登記機構', 100),
    ],
    tags: ['就業', '穩就業'],
    system: '就業創業公共服務信息系統',
  },
  {
    name: '失業登記信息',
    owner: INFORMATION_CENTRE,
    abstract: '城鎮失業人員登記信息，含失業原因、就業困難人員認定和求職意向。',
    classificationCode: '201',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      NAME,
      RESIDENT_ID,
      D('失業登記日期'),
      C('失業原因', 2),
      L('是否就業困難人員'),
      C('求職意向', 200),
      C('登記機構', 100),
      C('就業創業證編號', 20),
    ],
    tags: ['就業', '失業'],
    system: '就業創業公共服務信息系統',
  },
  {
    name: '職業資格證書信息',
    abstract: '國家職業資格證書的核發信息，經持證人授權可公開查詢驗證。',
    classificationCode: '105001',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: openOn('持證人授權或提供證書編號後可查詢驗證，不提供批量下載。'),
    format: API(),
    updateCycle: 'monthly',
    items: [
      C('證書編號', 30),
      NAME,
      RESIDENT_ID,
      C('職業資格名稱', 100),
      C('資格等級', 10),
      D('發證日期'),
      C('發證機關', 100),
    ],
    tags: ['職業資格', '電子證照'],
    system: '就業創業公共服務信息系統',
  },
  {
    name: '職業技能等級證書信息',
    owner: INFORMATION_CENTRE,
    abstract: '社會培訓評價組織和用人單位頒發的職業技能等級證書。',
    classificationCode: '105001',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: openOn('持證人授權或提供證書編號後可查詢驗證，不提供批量下載。'),
    format: API(),
    updateCycle: 'monthly',
    items: [
      C('證書編號', 30),
      NAME,
      RESIDENT_ID,
      C('職業（工種）', 100),
      C('技能等級', 10),
      C('評價機構名稱', 200),
      D('發證日期'),
    ],
    tags: ['技能評價', '電子證照'],
    system: '就業創業公共服務信息系統',
  },
  {
    name: '勞動人事爭議仲裁案件信息',
    abstract: '勞動人事爭議仲裁委員會受理案件的立案、結案和涉案金額。',
    classificationCode: '212',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_AUTHORITIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('案件編號', 50),
      C('申請人姓名', 50),
      C('被申請人名稱', 200),
      C('爭議類型', 50),
      Y('涉案金額'),
      D('立案日期'),
      D('結案日期'),
      C('結案方式', 20),
      C('仲裁委員會', 100),
    ],
    tags: ['勞動仲裁'],
    system: '就業創業公共服務信息系統',
    state: 'draft',
  },
  {
    name: '拖欠農民工工資失信聯合懲戒對象名單',
    abstract: '列入拖欠農民工工資失信聯合懲戒對象名單的用人單位及其法定代表人。',
    classificationCode: '104002',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: SHEET,
    updateCycle: 'monthly',
    items: [
      C('單位名稱', 200),
      USCC,
      LEGAL_REPRESENTATIVE,
      Y('拖欠工資金額'),
      I('涉及人數'),
      D('列入日期'),
      C('列入機關', 100),
      D('移出日期'),
    ],
    tags: ['失信懲戒', '農民工工資'],
  },
  {
    name: '人力資源服務許可信息',
    abstract: '經營性人力資源服務機構的行政許可信息。',
    classificationCode: '105001',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: SHEET,
    updateCycle: 'quarterly',
    items: [
      C('許可證編號', 30),
      C('機構名稱', 200),
      USCC,
      LEGAL_REPRESENTATIVE,
      C('服務範圍', 500),
      C('機構地址', 300),
      D('發證日期'),
      D('有效期至'),
    ],
    tags: ['行政許可', '人力資源服務'],
  },
  {
    name: '社會保險基金收支統計信息',
    owner: SOCIAL_INSURANCE_AGENCY,
    abstract: '按年度和險種匯總的社會保險基金收入、支出和累計結存。',
    classificationCode: '203',
    grade: { category: 'general', level: 1 },
    sharing: { type: 'unconditional', methods: ['platform', 'email'] },
    open: OPEN,
    format: SHEET,
    updateCycle: 'yearly',
    items: [
      C('統計年度', 4),
      C('行政區劃代碼', 6),
      C('險種', 50),
      Y('基金收入', 18),
      Y('征繳收入', 18),
      Y('財政補貼收入', 18),
      Y('基金支出', 18),
      Y('累計結存', 18),
    ],
    tags: ['社保基金', '統計'],
    state: 'submitted',
  },
]);

const MEDICAL_INSURANCE = templates('medical-insurance', [
  {
    name: '醫保結算信息',
    abstract:
      '參保人在定點醫藥機構就醫購藥的費用結算記錄：醫療類別、就診日期、醫療費用總額及基金、個人賬戶和現金支付金額。',
    classificationCode: '202001',
    grade: { category: 'important' },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'realtime',
    items: [
      C('結算流水號', 30),
      NAME,
      RESIDENT_ID,
      C('險種類型', 3),
      C('醫療類別', 10),
      C('定點醫藥機構編碼', 20),
      C('定點醫藥機構名稱', 200),
      D('入院日期'),
      D('出院日期'),
      Y('醫療費用總額'),
      Y('基金支付金額'),
      Y('個人賬戶支付金額'),
      Y('個人現金支付金額'),
      T('結算時間'),
    ],
    tags: ['醫保', '結算', '費用'],
    system: '醫保信息平臺',
    sampleTable: 'medical-settlement',
  },
  {
    name: '基本醫療保險參保信息',
    abstract: '職工基本醫療保險和城鄉居民基本醫療保險參保登記信息。',
    classificationCode: '203001',
    grade: { category: 'important' },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('個人編號', 20),
      NAME,
      RESIDENT_ID,
      C('險種類型', 3),
      C('參保狀態', 2),
      D('首次參保日期'),
      C('參保單位名稱', 200),
      C('參保單位統一社會信用代碼', 18),
      Y('繳費基數', 12),
      C('人員類別', 3),
    ],
    tags: ['醫保', '參保'],
    system: '醫保信息平臺',
  },
  {
    name: '定點醫藥機構信息',
    abstract: '與醫保經辦機構簽訂服務協議的定點醫療機構和定點零售藥店。',
    classificationCode: '202002',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('定點醫藥機構編碼', 20),
      C('機構名稱', 200),
      USCC,
      C('機構類別', 20),
      C('醫院等級', 10),
      C('經營性質', 10),
      C('機構地址', 300),
      D('協議起始日期'),
      D('協議終止日期'),
      PHONE,
    ],
    tags: ['定點機構', '醫保'],
    system: '醫保信息平臺',
  },
  {
    name: '醫保藥品目錄信息',
    abstract: '基本醫療保險、工傷保險和生育保險藥品目錄，含甲乙類別、限定支付範圍和支付標準。',
    classificationCode: '202',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: SHEET,
    updateCycle: 'quarterly',
    items: [
      C('醫保藥品代碼', 30),
      C('藥品名稱', 200),
      C('劑型', 50),
      C('目錄類別', 10),
      M('限定支付範圍'),
      Y('醫保支付標準', 12),
      D('生效日期'),
      D('失效日期'),
    ],
    tags: ['藥品目錄', '醫保'],
    system: '醫保信息平臺',
  },
  {
    name: '醫療服務項目目錄信息',
    abstract: '醫療服務項目的編碼、內涵、除外內容、計價單位和醫保支付類別。',
    classificationCode: '202',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: SHEET,
    updateCycle: 'quarterly',
    items: [
      C('項目編碼', 30),
      C('項目名稱', 200),
      M('項目內涵'),
      M('除外內容'),
      C('計價單位', 20),
      Y('項目價格', 12),
      C('支付類別', 10),
      D('生效日期'),
    ],
    tags: ['醫療服務項目', '醫保目錄'],
    system: '醫保信息平臺',
  },
  {
    name: '醫用耗材目錄信息',
    abstract: '醫保醫用耗材分類與代碼、規格型號、生產企業和支付類別。',
    classificationCode: '202',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: SHEET,
    updateCycle: 'quarterly',
    items: [
      C('耗材代碼', 30),
      C('耗材名稱', 200),
      C('規格型號', 200),
      C('生產企業', 200),
      C('註冊證編號', 50),
      C('支付類別', 10),
      Y('醫保支付標準', 12),
      D('生效日期'),
    ],
    tags: ['耗材', '醫保目錄'],
    system: '醫藥集中採購平臺',
  },
  {
    name: '異地就醫備案信息',
    abstract: '參保人跨省和省內異地就醫直接結算的備案登記。',
    classificationCode: '202001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'realtime',
    items: [
      C('備案編號', 30),
      NAME,
      RESIDENT_ID,
      C('參保地行政區劃代碼', 6),
      C('就醫地行政區劃代碼', 6),
      C('備案類型', 10),
      D('備案開始日期'),
      D('備案結束日期'),
      C('備案狀態', 2),
    ],
    tags: ['異地就醫', '跨省通辦'],
    system: '醫保信息平臺',
  },
  {
    name: '門診慢特病待遇認定信息',
    abstract: '參保人門診慢性病、特殊疾病待遇資格認定，含病種和認定定點機構。',
    classificationCode: '202',
    grade: { category: 'general', level: 4 },
    sharing: sharedOn('限醫保經辦機構和民政醫療救助部門辦理待遇時使用，經提供方審核後以接口查詢方式提供。'),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      NAME,
      RESIDENT_ID,
      C('病種編碼', 20),
      C('病種名稱', 100),
      C('認定定點機構', 200),
      D('待遇開始日期'),
      D('待遇結束日期'),
      D('認定日期'),
    ],
    tags: ['慢特病', '待遇'],
    system: '醫保信息平臺',
  },
  {
    name: '醫療救助信息',
    abstract: '特困人員、低保對象等困難群眾的醫療救助記錄。',
    classificationCode: '203003',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      NAME,
      RESIDENT_ID,
      C('救助對象類別', 10),
      C('救助類型', 10),
      Y('救助醫療費用總額'),
      Y('救助金額'),
      D('救助日期'),
      C('經辦機構', 100),
    ],
    tags: ['醫療救助', '社會救助'],
    system: '醫保信息平臺',
  },
  {
    name: '生育保險待遇信息',
    abstract: '職工生育醫療費用和生育津貼的核定與支付。',
    classificationCode: '202001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      NAME,
      RESIDENT_ID,
      C('參保單位名稱', 200),
      C('生育類別', 10),
      D('生育日期'),
      Y('生育醫療費用'),
      Y('生育津貼'),
      D('支付日期'),
    ],
    tags: ['生育保險', '待遇'],
    system: '醫保信息平臺',
  },
  {
    name: '醫保電子憑證激活信息',
    abstract: '醫保電子憑證的激活渠道、時間和狀態，用於就醫購藥掃碼身份核驗。',
    classificationCode: '105001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(IDENTITY_CHECK),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'realtime',
    items: [
      C('電子憑證號', 32),
      NAME,
      RESIDENT_ID,
      C('激活渠道', 50),
      T('激活時間'),
      C('憑證狀態', 2),
      C('參保地行政區劃代碼', 6),
    ],
    tags: ['醫保電子憑證', '電子證照'],
    system: '醫保信息平臺',
  },
  {
    name: '長期護理保險待遇信息',
    abstract: '長期護理保險失能評估結論和護理待遇享受情況。',
    classificationCode: '202',
    grade: { category: 'general', level: 4 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      NAME,
      RESIDENT_ID,
      C('失能等級', 10),
      D('失能評估日期'),
      C('護理服務機構', 200),
      C('護理方式', 20),
      Y('待遇標準', 12),
      D('待遇開始日期'),
    ],
    tags: ['長期護理保險', '養老服務'],
    system: '醫保信息平臺',
    state: 'returned',
  },
  {
    name: '藥品集中帶量採購中選結果信息',
    abstract: '國家和省級藥品集中帶量採購的中選藥品、中選企業、中選價格和約定採購量。',
    classificationCode: '206',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: SHEET,
    updateCycle: 'other',
    items: [
      C('採購批次', 50),
      C('藥品通用名', 200),
      C('規格', 100),
      C('中選企業', 200),
      Y('中選價格', 12),
      N('約定採購量', 12),
      D('執行開始日期'),
      D('執行結束日期'),
    ],
    tags: ['帶量採購', '藥品價格'],
    system: '醫藥集中採購平臺',
  },
  {
    name: '醫療服務價格信息',
    abstract: '公立醫療機構醫療服務項目分級價格及其調整文件依據。',
    classificationCode: '206',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: SHEET,
    updateCycle: 'other',
    items: [
      C('項目編碼', 30),
      C('項目名稱', 200),
      C('計價單位', 20),
      Y('三級醫院價格', 12),
      Y('二級醫院價格', 12),
      Y('一級醫院價格', 12),
      D('執行日期'),
      C('文件依據', 200),
    ],
    tags: ['醫療服務價格'],
    system: '醫藥集中採購平臺',
  },
  {
    name: '醫保基金違法違規處理信息',
    abstract: '定點醫藥機構和參保人違法違規使用醫保基金的處理結果，依法公開曝光。',
    classificationCode: '104002',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: API(),
    updateCycle: 'monthly',
    items: [
      C('處理決定文號', 100),
      C('當事人名稱', 200),
      USCC,
      M('違法違規行為'),
      Y('涉及金額'),
      M('處理結果'),
      D('處理日期'),
      C('處理機關', 100),
    ],
    tags: ['基金監管', '信用'],
    system: '醫保基金智能監管系統',
  },
  {
    name: '醫保醫師信息',
    abstract: '定點醫療機構醫保醫師（醫保支付資格）代碼、執業信息和記分情況。',
    classificationCode: '202002',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: openOn(OPEN_ON_APPLICATION),
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('醫保醫師代碼', 30),
      C('醫師姓名', 50),
      C('執業機構名稱', 200),
      C('執業類別', 20),
      C('專業技術職務', 50),
      I('年度記分'),
      C('支付資格狀態', 10),
    ],
    tags: ['醫保醫師', '基金監管'],
    system: '醫保基金智能監管系統',
  },
  {
    name: '醫保基金運行統計信息',
    abstract: '按季度匯總的參保人數、醫保基金收支、累計結存和就診人次。',
    classificationCode: '202',
    grade: { category: 'general', level: 1 },
    sharing: { type: 'unconditional', methods: ['platform', 'email'] },
    open: OPEN,
    format: SHEET,
    updateCycle: 'quarterly',
    items: [
      C('統計期', 6),
      C('行政區劃代碼', 6),
      I('參保人數'),
      Y('基金收入', 18),
      Y('基金支出', 18),
      Y('累計結存', 18),
      I('住院人次'),
      I('門診人次'),
    ],
    tags: ['醫保基金', '統計'],
    state: 'draft',
  },
]);

const NATURAL_RESOURCES = templates('natural-resources', [
  {
    name: '不動產登記信息',
    abstract:
      '不動產登記簿記載的權利信息：不動產單元號、權證號、權利人、坐落、權利類型、權利性質、用途、面積和登記時間。',
    classificationCode: '103001',
    grade: { category: 'important' },
    sharing: sharedOn(FOR_HOUSING_ETC),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'realtime',
    items: [
      REAL_ESTATE_UNIT,
      C('不動產權證書號', 50),
      C('權利人名稱', 200),
      C('權利人證件類型', 20),
      C('權利人證件號碼', 30),
      C('共有情況', 20),
      C('坐落', 300),
      C('權利類型', 50),
      C('權利性質', 50),
      C('用途', 50),
      N('面積', 12),
      C('使用期限', 50),
      T('登記時間'),
      C('登記機構', 100),
    ],
    tags: ['不動產', '登記簿'],
    system: '不動產登記信息管理平臺',
    sampleTable: 'real-estate',
  },
  {
    name: '不動產抵押登記信息',
    abstract: '不動產抵押權設立、變更和註銷登記，含抵押人、抵押權人和被擔保主債權數額。',
    classificationCode: '103001',
    grade: { category: 'important' },
    sharing: sharedOn(FOR_HOUSING_ETC),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'realtime',
    items: [
      C('不動產登記證明號', 50),
      REAL_ESTATE_UNIT,
      C('抵押人', 200),
      C('抵押權人', 200),
      C('抵押方式', 20),
      Y('被擔保主債權數額', 18),
      D('債務履行期限起'),
      D('債務履行期限止'),
      T('登記時間'),
    ],
    tags: ['不動產', '抵押'],
    system: '不動產登記信息管理平臺',
  },
  {
    name: '不動產查封登記信息',
    abstract: '人民法院等有權機關對不動產的查封、輪候查封和解封登記。',
    classificationCode: '103001',
    grade: { category: 'important' },
    sharing: sharedOn(FOR_AUTHORITIES),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'realtime',
    items: [
      REAL_ESTATE_UNIT,
      C('查封機關', 200),
      C('查封文號', 100),
      C('查封類型', 20),
      D('查封起始日期'),
      D('查封結束日期'),
      D('解封日期'),
      T('登記時間'),
    ],
    tags: ['不動產', '查封'],
    system: '不動產登記信息管理平臺',
  },
  {
    name: '預告登記信息',
    abstract: '預購商品房、預購商品房抵押等預告登記信息。',
    classificationCode: '103001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_HOUSING_ETC),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('不動產登記證明號', 50),
      REAL_ESTATE_UNIT,
      C('預告登記種類', 20),
      C('權利人名稱', 200),
      C('義務人名稱', 200),
      C('坐落', 300),
      Y('取得價格', 18),
      T('登記時間'),
    ],
    tags: ['不動產', '預售'],
    system: '不動產登記信息管理平臺',
  },
  {
    name: '國有建設用地使用權出讓信息',
    abstract: '以招標、拍賣、掛牌和協議方式出讓國有建設用地使用權的成交結果。',
    classificationCode: '103',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('電子監管號', 30),
      C('項目名稱', 200),
      C('宗地坐落', 300),
      C('土地用途', 50),
      N('出讓面積', 14),
      I('出讓年限'),
      C('供地方式', 20),
      Y('成交價格', 18),
      C('受讓人', 200),
      D('合同簽訂日期'),
    ],
    tags: ['土地供應', '出讓'],
    system: '自然資源業務審批系統',
  },
  {
    name: '建設用地規劃許可證信息',
    abstract: '建設用地規劃許可證核發信息，依法向社會公開。',
    classificationCode: '209001',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('許可證編號', 50),
      C('用地單位', 200),
      C('項目名稱', 200),
      C('用地位置', 300),
      N('用地面積', 14),
      C('用地性質', 50),
      D('發證日期'),
      C('發證機關', 100),
    ],
    tags: ['規劃許可', '工程建設'],
    system: '自然資源業務審批系統',
  },
  {
    name: '建設工程規劃許可證信息',
    abstract: '建設工程規劃許可證核發信息，依法向社會公開。',
    classificationCode: '209001',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('許可證編號', 50),
      C('建設單位', 200),
      C('項目名稱', 200),
      C('建設位置', 300),
      N('建設規模', 14),
      D('發證日期'),
      C('發證機關', 100),
    ],
    tags: ['規劃許可', '工程建設'],
    system: '自然資源業務審批系統',
  },
  {
    name: '土地利用現狀調查信息',
    abstract: '國土變更調查的地類圖斑屬性，含地類、面積、權屬和耕地坡度級別。',
    classificationCode: '103002',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: openOn(OPEN_AGGREGATED),
    format: DB('PostGIS'),
    updateCycle: 'yearly',
    items: [
      C('圖斑編號', 30),
      C('地類編碼', 10),
      C('地類名稱', 50),
      N('圖斑面積', 14),
      C('權屬性質', 20),
      C('權屬單位名稱', 200),
      C('坐落單位名稱', 200),
      C('耕地坡度級別', 2),
      C('調查年度', 4),
    ],
    tags: ['國土調查', '一張圖'],
    system: '國土空間基礎信息平臺',
  },
  {
    name: '永久基本農田信息',
    abstract: '永久基本農田保護圖斑、耕地質量等別和保護責任人。',
    classificationCode: '103002',
    grade: { category: 'important' },
    sharing: sharedOn(FOR_SUPERVISION),
    open: NOT_OPEN,
    format: DB('PostGIS'),
    updateCycle: 'yearly',
    items: [
      C('保護圖斑編號', 30),
      C('行政區劃代碼', 6),
      C('地類編碼', 10),
      N('圖斑面積', 14),
      C('耕地質量等別', 2),
      D('劃定日期'),
      C('保護責任人', 50),
      M('空間範圍'),
    ],
    tags: ['耕地保護', '一張圖'],
    system: '國土空間基礎信息平臺',
  },
  {
    name: '地質災害隱患點信息',
    abstract: '滑坡、崩塌、泥石流等地質災害隱患點的位置、威脅對象和監測責任人。',
    classificationCode: '212',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: openOn(OPEN_AGGREGATED),
    format: DB('PostGIS'),
    updateCycle: 'quarterly',
    items: [
      C('隱患點編號', 30),
      C('隱患點名稱', 200),
      C('災害類型', 20),
      C('隱患點位置', 300),
      F('經度'),
      F('緯度'),
      I('威脅人數'),
      Y('威脅財產'),
      C('險情等級', 10),
      C('監測責任人', 50),
      C('監測責任人聯繫電話', 20),
    ],
    tags: ['地質災害', '應急'],
    system: '國土空間基礎信息平臺',
  },
  {
    name: '採礦許可證信息',
    abstract: '採礦權新立、延續、變更和註銷的許可證信息。',
    classificationCode: '105001',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('許可證號', 30),
      C('採礦權人', 200),
      C('礦山名稱', 200),
      C('開採礦種', 100),
      C('開採方式', 20),
      C('生產規模', 50),
      N('礦區面積', 14),
      D('有效期起'),
      D('有效期止'),
      C('發證機關', 100),
    ],
    tags: ['礦業權', '行政許可'],
    system: '自然資源業務審批系統',
  },
  {
    name: '探礦權信息',
    abstract: '探礦權勘查許可證的項目、礦種、面積和有效期。',
    classificationCode: '105001',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('勘查許可證號', 30),
      C('探礦權人', 200),
      C('勘查項目名稱', 200),
      C('勘查礦種', 100),
      N('勘查面積', 14),
      D('有效期起'),
      D('有效期止'),
      C('發證機關', 100),
    ],
    tags: ['礦業權'],
    system: '自然資源業務審批系統',
  },
  {
    name: '基準地價信息',
    abstract: '城鎮土地分級和各級別、各用途基準地價及估價期日。',
    classificationCode: '103',
    grade: { category: 'general', level: 1 },
    sharing: { type: 'unconditional', methods: ['platform', 'email'] },
    open: OPEN,
    format: SHEET,
    updateCycle: 'other',
    items: [
      C('行政區劃代碼', 6),
      C('土地級別', 10),
      C('土地用途', 50),
      Y('基準地價', 12),
      F('容積率'),
      D('估價期日'),
      C('公布文號', 100),
    ],
    tags: ['地價', '土地市場'],
    state: 'draft',
  },
  {
    name: '自然資源確權登記信息',
    abstract: '自然保護地、江河湖泊、森林、草原等自然資源登記單元的所有權登記。',
    classificationCode: '103001',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: openOn(OPEN_ON_APPLICATION),
    format: DB('PostGIS'),
    updateCycle: 'yearly',
    items: [
      C('登記單元號', 30),
      C('登記單元名稱', 200),
      C('登記單元類型', 20),
      C('所有權主體', 200),
      C('代表行使主體', 200),
      N('登記單元面積', 14),
      D('確權登記日期'),
    ],
    tags: ['確權登記', '自然資源'],
    system: '國土空間基礎信息平臺',
  },
  {
    name: '基礎測繪成果目錄信息',
    abstract: '公開版基礎測繪成果（地形圖、正射影像、數字高程模型）的目錄，按規定申請使用。',
    classificationCode: '103',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: openOn('按《測繪成果管理條例》提出使用申請，經審批後提供公開版成果。'),
    format: SHEET,
    updateCycle: 'yearly',
    items: [
      C('成果名稱', 200),
      C('成果類型', 50),
      C('比例尺', 20),
      C('覆蓋範圍', 300),
      C('坐標系', 50),
      D('生產日期'),
      C('保管單位', 200),
    ],
    tags: ['測繪', '地理信息'],
  },
  {
    name: '國土空間詳細規劃信息',
    abstract: '經批准的國土空間詳細規劃（控制性詳細規劃）文本和圖則信息。',
    classificationCode: '209',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: FILE,
    updateCycle: 'other',
    items: [
      C('規劃名稱', 200),
      C('規劃編號', 50),
      C('規劃範圍', 300),
      N('規劃面積', 14),
      C('批准機關', 100),
      C('批准文號', 100),
      D('批准日期'),
    ],
    tags: ['國土空間規劃'],
    system: '國土空間基礎信息平臺',
  },
  {
    name: '土地儲備信息',
    abstract: '納入土地儲備庫的地塊、收儲方式、收儲成本和入庫日期。',
    classificationCode: '103',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('儲備地塊編號', 30),
      C('地塊名稱', 200),
      C('地塊坐落', 300),
      N('地塊面積', 14),
      C('規劃用途', 50),
      C('收儲方式', 20),
      Y('收儲成本', 18),
      D('入庫日期'),
    ],
    tags: ['土地儲備'],
    system: '自然資源業務審批系統',
    state: 'submitted',
  },
]);

const HOUSING_FUND = templates('housing-fund', [
  {
    name: '住房公積金繳存信息',
    abstract: '住房公積金個人賬戶繳存信息：繳存基數、單位和個人繳存比例、月繳存額、繳至年月、賬戶餘額和賬戶狀態。',
    classificationCode: '203002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_HOUSING_ETC),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('個人賬號', 20),
      NAME,
      RESIDENT_ID,
      C('單位賬號', 20),
      C('單位名稱', 200),
      Y('繳存基數', 12),
      N('單位繳存比例', 5),
      N('個人繳存比例', 5),
      Y('月繳存額', 12),
      C('繳至年月', 6),
      Y('賬戶餘額'),
      C('賬戶狀態', 2),
      D('開戶日期'),
    ],
    tags: ['公積金', '繳存'],
    system: '住房公積金業務管理系統',
    sampleTable: 'housing-fund',
  },
  {
    name: '住房公積金繳存單位信息',
    abstract: '在住房公積金管理中心開戶繳存的單位、經辦人和繳存人數。',
    classificationCode: '203002',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('單位賬號', 20),
      C('單位名稱', 200),
      USCC,
      C('單位性質', 20),
      C('單位地址', 300),
      C('經辦人姓名', 50),
      C('經辦人聯繫電話', 20),
      I('繳存人數'),
      D('單位開戶日期'),
      C('單位賬戶狀態', 2),
    ],
    tags: ['公積金', '繳存單位'],
    system: '住房公積金業務管理系統',
  },
  {
    name: '個人住房公積金貸款信息',
    abstract: '個人住房公積金貸款的合同、金額、期限、利率、還款方式和餘額。',
    classificationCode: '203002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_HOUSING_ETC),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('貸款合同編號', 30),
      C('借款人姓名', 50),
      C('借款人公民身份號碼', 18),
      Y('貸款金額'),
      I('貸款期限（月）'),
      F('貸款年利率'),
      C('還款方式', 20),
      D('貸款發放日期'),
      Y('貸款餘額'),
      C('貸款狀態', 10),
      C('抵押房屋坐落', 300),
    ],
    tags: ['公積金', '貸款'],
    system: '住房公積金業務管理系統',
  },
  {
    name: '住房公積金提取信息',
    abstract: '購房、租房、還貸、離退休等原因提取住房公積金的記錄。',
    classificationCode: '203002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('提取流水號', 30),
      C('個人賬號', 20),
      NAME,
      RESIDENT_ID,
      C('提取原因', 50),
      Y('提取金額'),
      D('提取日期'),
      C('收款銀行', 100),
    ],
    tags: ['公積金', '提取'],
    system: '住房公積金業務管理系統',
  },
  {
    name: '住房公積金貸款逾期信息',
    abstract: '住房公積金個人貸款逾期期數、逾期本息，供征信報送和清收使用。',
    classificationCode: '203002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_AUTHORITIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('貸款合同編號', 30),
      C('借款人姓名', 50),
      C('借款人公民身份號碼', 18),
      I('逾期期數'),
      Y('逾期本金'),
      Y('逾期利息'),
      D('首次逾期日期'),
      D('統計日期'),
    ],
    tags: ['公積金', '貸款', '信用'],
    system: '住房公積金業務管理系統',
  },
  {
    name: '住房公積金繳存證明信息',
    abstract: '個人住房公積金繳存證明的開具信息，支持異地貸款和購房資格審核在線核驗。',
    classificationCode: '203002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_HOUSING_ETC),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'realtime',
    items: [
      C('證明編號', 30),
      NAME,
      RESIDENT_ID,
      C('單位名稱', 200),
      C('繳存狀態', 10),
      Y('月繳存額', 12),
      C('繳存起始年月', 6),
      C('繳至年月', 6),
      T('開具時間'),
    ],
    tags: ['公積金', '證明', '跨省通辦'],
    system: '住房公積金綜合服務平臺',
  },
  {
    name: '住房公積金異地轉移接續信息',
    abstract: '職工跨城市就業時住房公積金賬戶的轉出、轉入和辦結狀態。',
    classificationCode: '203002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'daily',
    items: [
      C('轉移編號', 30),
      NAME,
      RESIDENT_ID,
      C('轉出城市', 100),
      C('轉入城市', 100),
      Y('轉移金額'),
      D('申請日期'),
      D('辦結日期'),
      C('轉移狀態', 10),
    ],
    tags: ['公積金', '跨省通辦'],
    system: '住房公積金綜合服務平臺',
  },
  {
    name: '住房公積金貸款抵押物信息',
    abstract: '住房公積金貸款所抵押房屋的權證、坐落、面積和評估價值。',
    classificationCode: '203002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_HOUSING_ETC),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('貸款合同編號', 30),
      C('不動產權證書號', 50),
      REAL_ESTATE_UNIT,
      C('抵押房屋坐落', 300),
      N('建築面積', 12),
      Y('評估價值'),
      D('抵押登記日期'),
    ],
    tags: ['公積金', '貸款', '不動產'],
    system: '住房公積金業務管理系統',
  },
  {
    name: '住房公積金單位繳存變更信息',
    abstract: '繳存單位繳存基數、繳存比例調整和單位信息變更記錄。',
    classificationCode: '203002',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('單位賬號', 20),
      C('單位名稱', 200),
      C('變更類型', 20),
      M('變更前內容'),
      M('變更後內容'),
      D('變更日期'),
      C('經辦網點', 100),
    ],
    tags: ['公積金', '繳存單位'],
    system: '住房公積金業務管理系統',
  },
  {
    name: '住房公積金年度報告',
    abstract: '按《住房公積金管理條例》公布的年度報告：繳存、提取、貸款、增值收益等主要指標。',
    classificationCode: '203002',
    grade: { category: 'general', level: 1 },
    sharing: { type: 'unconditional', methods: ['platform', 'email'] },
    open: OPEN,
    format: FILE,
    updateCycle: 'yearly',
    items: [
      C('報告年度', 4),
      I('實繳單位數'),
      I('實繳職工人數'),
      Y('當年繳存額', 18),
      Y('當年提取額', 18),
      Y('當年發放個人住房貸款額', 18),
      F('個貸率'),
      Y('增值收益', 18),
    ],
    tags: ['公積金', '年度報告', '統計'],
  },
  {
    name: '商業貸款轉公積金貸款信息',
    abstract: '商業性個人住房貸款轉為住房公積金貸款的申請與審批信息。',
    classificationCode: '203002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_HOUSING_ETC),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('轉貸申請編號', 30),
      C('借款人姓名', 50),
      C('借款人公民身份號碼', 18),
      C('原商業貸款銀行', 100),
      Y('原貸款餘額'),
      Y('轉貸金額'),
      I('轉貸期限（月）'),
      D('審批日期'),
    ],
    tags: ['公積金', '貸款'],
    system: '住房公積金業務管理系統',
  },
  {
    name: '靈活就業人員住房公積金繳存信息',
    abstract: '個體工商戶、自由職業者等靈活就業人員自願繳存住房公積金的簽約和繳存記錄。',
    classificationCode: '203002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('個人賬號', 20),
      NAME,
      RESIDENT_ID,
      Y('繳存基數', 12),
      N('繳存比例', 5),
      Y('月繳存額', 12),
      D('簽約日期'),
      C('繳存狀態', 10),
    ],
    tags: ['公積金', '靈活就業'],
    system: '住房公積金綜合服務平臺',
  },
  {
    name: '租房提取住房公積金信息',
    abstract: '職工租賃住房提取住房公積金的租賃合同備案和提取金額。',
    classificationCode: '203002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_HOUSING_ETC),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('提取流水號', 30),
      NAME,
      RESIDENT_ID,
      C('租賃房屋坐落', 300),
      C('租賃合同備案號', 50),
      Y('月租金', 12),
      Y('提取金額'),
      D('提取日期'),
    ],
    tags: ['公積金', '租房', '提取'],
    system: '住房公積金綜合服務平臺',
    state: 'returned',
  },
  {
    name: '住房公積金業務網點信息',
    abstract: '住房公積金管理中心及受託銀行業務網點的地址、電話、辦公時間和可辦業務。',
    classificationCode: '201',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: SHEET,
    updateCycle: 'other',
    items: [
      C('網點名稱', 200),
      C('網點地址', 300),
      C('咨詢電話', 20),
      C('辦公時間', 100),
      M('可辦業務'),
      F('經度'),
      F('緯度'),
    ],
    tags: ['公積金', '便民服務'],
  },
  {
    name: '住房公積金貸款發放統計信息',
    abstract: '按月統計的個人住房公積金貸款發放、回收、餘額和逾期率。',
    classificationCode: '203002',
    grade: { category: 'general', level: 1 },
    sharing: { type: 'unconditional', methods: ['platform', 'email'] },
    open: OPEN,
    format: SHEET,
    updateCycle: 'monthly',
    items: [C('統計年月', 6), I('發放筆數'), Y('發放金額', 18), Y('回收金額', 18), Y('貸款餘額', 18), F('逾期率')],
    tags: ['公積金', '統計'],
    state: 'draft',
  },
  {
    name: '12329熱線咨詢工單信息',
    abstract: '住房公積金12329服務熱線來電咨詢、投訴建議工單及辦理結果。',
    classificationCode: '201',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('工單編號', 30),
      C('來電號碼', 20),
      C('來電人姓名', 50),
      T('來電時間'),
      C('咨詢類別', 50),
      M('咨詢內容'),
      M('答復內容'),
      T('辦結時間'),
      C('滿意度', 10),
    ],
    tags: ['12329', '熱線'],
    system: '12329服務熱線系統',
  },
  {
    name: '住房公積金委託提取還貸信息',
    abstract: '借款人簽訂委託提取協議、按月提取住房公積金償還貸款的扣劃記錄。',
    classificationCode: '203002',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'monthly',
    items: [
      C('委託提取協議號', 30),
      NAME,
      RESIDENT_ID,
      C('個人賬號', 20),
      C('貸款合同編號', 30),
      C('扣劃方式', 20),
      Y('扣劃金額'),
      D('扣劃日期'),
    ],
    tags: ['公積金', '還貸'],
    system: '住房公積金業務管理系統',
  },
]);

const DATA_AUTHORITY = templates('data-authority', [
  {
    name: '人口基本信息（人口綜合庫）',
    abstract: '人口綜合庫匯聚的人口基本信息，源自公安戶籍數據並經治理後提供共享。',
    classificationCode: '101001',
    grade: { category: 'important' },
    sharing: sharedOn(IDENTITY_CHECK),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [NAME, RESIDENT_ID, GENDER, ETHNICITY, BIRTH_DATE, HOUSEHOLD_ADDRESS, PHONE, C('數據來源部門', 100)],
    tags: ['人口', '基礎庫', '共享'],
    system: '政務數據共享交換平臺',
  },
  {
    name: '企業基本信息（法人綜合庫）',
    abstract: '法人綜合庫匯聚的企業基本信息，源自市場主體登記數據並經治理後提供共享。',
    classificationCode: '102001',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      USCC,
      ENTERPRISE_NAME,
      C('企業類型', 100),
      LEGAL_REPRESENTATIVE,
      Y('註冊資本', 18),
      D('成立日期'),
      C('住所', 300),
      C('登記機關', 100),
      C('登記狀態', 20),
      C('數據來源部門', 100),
    ],
    tags: ['法人', '基礎庫', '共享'],
    system: '政務數據共享交換平臺',
  },
  {
    name: '政務服務事項清單信息',
    abstract: '依申請政務服務事項的基本目錄和實施清單：事項編碼、名稱、類型、實施主體、設定依據、辦理時限和收費標準。',
    classificationCode: '201001',
    grade: { category: 'general', level: 1 },
    sharing: SHARED,
    open: OPEN,
    format: API(),
    updateCycle: 'other',
    items: [
      C('事項編碼', 50),
      C('事項名稱', 200),
      C('事項類型', 20),
      C('實施主體', 200),
      M('設定依據'),
      I('法定辦結時限'),
      I('承諾辦結時限'),
      C('收費標準', 200),
      C('辦理地點', 300),
      C('咨詢電話', 20),
    ],
    tags: ['政務服務', '事項清單'],
    system: '一體化政務服務平臺',
  },
  {
    name: '政務服務辦件信息',
    abstract: '一體化政務服務平臺匯聚的辦件受理、辦結和辦理結果信息。',
    classificationCode: '201001',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'realtime',
    items: [
      C('辦件編號', 50),
      C('事項編碼', 50),
      C('事項名稱', 200),
      C('申請人名稱', 200),
      C('申請人證件號碼', 30),
      T('受理時間'),
      T('辦結時間'),
      C('辦理結果', 20),
      C('受理部門', 200),
    ],
    tags: ['政務服務', '辦件'],
    system: '一體化政務服務平臺',
  },
  {
    name: '政務服務“好差評”信息',
    abstract: '辦事群眾和企業對政務服務的評價、差評整改情況。',
    classificationCode: '201001',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: openOn(OPEN_AGGREGATED),
    format: API(),
    updateCycle: 'daily',
    items: [
      C('評價編號', 50),
      C('辦件編號', 50),
      C('事項名稱', 200),
      C('評價渠道', 20),
      C('評價等級', 10),
      M('評價內容'),
      T('評價時間'),
      M('整改情況'),
    ],
    tags: ['好差評', '政務服務'],
    system: '一體化政務服務平臺',
  },
  {
    name: '12345政務服務便民熱線工單信息',
    abstract: '12345熱線受理的群眾和企業訴求、派單承辦和滿意度回訪。',
    classificationCode: '201',
    grade: { category: 'general', level: 3 },
    sharing: sharedOn(FOR_DUTIES),
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('工單編號', 30),
      C('訴求人姓名', 50),
      C('訴求人聯繫電話', 20),
      C('訴求類型', 20),
      M('訴求內容'),
      C('承辦單位', 200),
      T('受理時間'),
      T('辦結時間'),
      C('滿意度評價', 10),
    ],
    tags: ['12345', '熱線', '民生訴求'],
    system: '12345政務服務便民熱線系統',
  },
  {
    name: '電子證照目錄信息',
    abstract: '電子證照庫歸集的各類證照目錄，支持證照調用和核驗。',
    classificationCode: '105001',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: NOT_OPEN,
    format: API(),
    updateCycle: 'daily',
    items: [
      C('證照類型代碼', 50),
      C('證照名稱', 200),
      C('證照編號', 100),
      C('持證主體', 200),
      C('持證主體代碼', 30),
      C('頒證單位', 200),
      D('頒證日期'),
      D('證照有效期截止日期'),
      C('證照狀態', 10),
    ],
    tags: ['電子證照', '一網通辦'],
    system: '一體化政務服務平臺',
  },
  {
    name: '政務數據共享調用日誌',
    abstract: '共享平臺記錄的數據資源調用流水，用於共享效果評估和安全審計。',
    classificationCode: '201',
    grade: { category: 'general', level: 2 },
    sharing: SHARED,
    open: NOT_OPEN,
    format: DB(),
    updateCycle: 'daily',
    items: [
      C('調用流水號', 50),
      C('資源代碼', 50),
      C('資源名稱', 200),
      C('調用部門', 200),
      T('調用時間'),
      C('調用結果', 10),
      I('返回記錄數'),
    ],
    tags: ['數據共享', '審計'],
    system: '政務數據共享交換平臺',
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
 * 信息中心 and 社會保險事業管理中心), each template goes to the one its `owner` names, else to the
 * parent body — the shortest name — so no resource is registered twice on a node, which would
 * bury the real 一數一源 findings under copies of the demo's own making.
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
// Sample source tables (掛接的樣例數據表)

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
    '100000': { name: '', short: '中國' },
    '360000': { name: '江西省', short: '江西' },
    '360100': { name: '南昌市', short: '南昌' },
  };
  if (known[regionCode]) return known[regionCode];
  const county = demoCounties(regionCode)[0]!;
  const name = regionCode.endsWith('0000') ? county.province : county.prefecture || county.province;
  return { name, short: name.replace(/(省|市|自治區|自治区|特別行政區|特别行政区)$/, '') };
}

/** 登記機關 of the region's market regulation. */
function marketAuthority(regionCode: string): string {
  const { name } = regionTitle(regionCode);
  return name ? `${name}市場監督管理局` : '國家市場監督管理總局';
}

/** One-character 簡稱 of each province, as 不動產權證書號 begin. */
// prettier-ignore
const PROVINCE_ABBREVIATIONS: Record<string, string> = {
  '11': '京', '12': '津', '13': '冀', '14': '晉', '15': '蒙', '21': '遼', '22': '吉', '23': '黑', '31': '滬',
  '32': '蘇', '33': '浙', '34': '皖', '35': '閩', '36': '贛', '37': '魯', '41': '豫', '42': '鄂', '43': '湘',
  '44': '粵', '45': '桂', '46': '瓊', '50': '渝', '51': '川', '52': '黔', '53': '雲', '54': '藏', '61': '陝',
  '62': '甘', '63': '青', '64': '寧', '65': '新',
};

// ----- enterprises -----

/** 虛構企業 — a synthetic enterprise of the demo region. */
export interface DemoEnterprise {
  /** 統一社會信用代碼 (GB 32100 check digit valid). */
  uscc: string;
  name: string;
  type: string;
  legalRepresentative: DemoPerson;
  /** 註冊資本, 萬元. */
  registeredCapital: number;
  founded: string;
  /** 營業期限至; null for 長期. */
  termEnd: string | null;
  address: string;
  businessScope: string;
  authority: string;
  approved: string;
  status: string;
}

// prettier-ignore
const TRADE_NAMES = [
  '嘉禾', '遠航', '恒泰', '潤豐', '啟明', '德信', '匯智', '思創', '博瑞', '弘毅', '錦程', '瑞祥', '鼎新', '聚源',
  '天齊', '明遠', '華宸', '贛鑫', '洪城', '青藍', '和順', '立德', '卓越', '宏圖', '信達', '豐源', '正弘', '東昇',
];
const INDUSTRIES: ReadonlyArray<readonly [string, string]> = [
  ['科技', '軟件開發；信息系統集成服務；信息技術咨詢服務；數據處理和存儲支持服務'],
  ['信息技術', '軟件開發；網絡與信息安全軟件開發；計算機系統服務；技術服務、技術開發'],
  ['商貿', '日用百貨銷售；五金產品零售；食品銷售（僅銷售預包裝食品）；貨物進出口'],
  ['建築工程', '建設工程施工；建築裝飾、裝修施工；園林綠化工程施工；建築材料銷售'],
  ['物流', '普通貨物倉儲服務；道路貨物運輸（不含危險貨物）；國內貨物運輸代理；裝卸搬運'],
  ['餐飲管理', '餐飲服務；餐飲管理；食品銷售；外賣遞送服務'],
  ['醫藥', '藥品零售；第二類醫療器械銷售；保健食品銷售；消毒劑銷售'],
  ['農業開發', '蔬菜種植；水果種植；農產品的生產、銷售、加工、運輸；農業技術推廣服務'],
  ['文化傳媒', '廣告設計、代理；組織文化藝術交流活動；會議及展覽服務；數字內容製作服務'],
  ['物業管理', '物業管理；停車場服務；家政服務；城市綠化管理'],
  ['機械製造', '通用設備製造；機械零件、零部件加工；金屬結構製造；機械設備銷售'],
  ['新材料', '新材料技術研發；合成材料銷售；高性能纖維及複合材料製造；電子專用材料銷售'],
];
const ENTERPRISE_TYPES: ReadonlyArray<readonly [string, number]> = [
  ['有限責任公司（自然人投資或控股）', 60],
  ['有限責任公司（自然人獨資）', 25],
  ['股份有限公司（非上市、自然人投資或控股）', 8],
  ['有限責任公司（國有獨資）', 4],
  ['個人獨資企業', 3],
];
const ENTERPRISE_STATUSES: ReadonlyArray<readonly [string, number]> = [
  ['存續（在營、開業、在冊）', 88],
  ['註銷', 8],
  ['吊銷，未註銷', 4],
];

/** GB 11714 check character of an 8-character 組織機構代碼 body (digits here). */
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

const OFFICE_BUILDINGS = ['商務中心', '大廈', '科技園', '創業園', '國際中心', '產業園'];

/** 住所 of a business: street number, often an office building, floor and room. */
function businessAddress(random: DemoRandom, place: DemoCounty): string {
  const street = `${place.province}${place.prefecture}${place.county}${random.pick(place.streets)}${random.int(1, 999)}號`;
  if (!random.chance(0.6)) return street;
  const floor = random.int(1, 28);
  return `${street}${random.pick(TRADE_NAMES)}${random.pick(OFFICE_BUILDINGS)}${floor}層${floor}${String(random.int(1, 20)).padStart(2, '0')}室`;
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
    const suffix = type.startsWith('股份') ? '股份有限公司' : type === '個人獨資企業' ? '經營部' : '有限公司';
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
      businessScope: `一般項目：${scope}（除依法須經批准的項目外，憑營業執照依法自主開展經營活動）`,
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
  '人口基本信息樣例表（常住人口登記表抽取，虛構數據）',
  [
    { column: 'xm', item: '姓名', sqlType: 'varchar(50)' },
    { column: 'gmsfhm', item: '公民身份號碼', sqlType: 'char(18)' },
    { column: 'xbdm', item: '性別', sqlType: 'char(1)' },
    { column: 'mzdm', item: '民族', sqlType: 'char(2)' },
    { column: 'csrq', item: '出生日期', sqlType: 'date' },
    { column: 'hjdz', item: '戶籍地址', sqlType: 'varchar(200)' },
    { column: 'lxdh', item: '聯繫電話', sqlType: 'varchar(20)' },
    { column: 'djrq', item: '登記日期', sqlType: 'date' },
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
  '企業登記信息樣例表（市場主體登記庫抽取，虛構數據）',
  [
    { column: 'tyshxydm', item: '統一社會信用代碼', sqlType: 'char(18)' },
    { column: 'qymc', item: '企業名稱', sqlType: 'varchar(200)' },
    { column: 'qylx', item: '企業類型', sqlType: 'varchar(100)' },
    { column: 'fddbr', item: '法定代表人', sqlType: 'varchar(50)' },
    { column: 'zczb', item: '註冊資本', sqlType: 'numeric(18,2)' },
    { column: 'clrq', item: '成立日期', sqlType: 'date' },
    { column: 'yyqxz', item: '營業期限至', sqlType: 'date' },
    { column: 'zs', item: '住所', sqlType: 'varchar(300)' },
    { column: 'jyfw', item: '經營範圍', sqlType: 'text' },
    { column: 'djjg', item: '登記機關', sqlType: 'varchar(100)' },
    { column: 'hzrq', item: '核准日期', sqlType: 'date' },
    { column: 'djzt', item: '登記狀態', sqlType: 'varchar(20)' },
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
  '不動產登記信息樣例表（不動產登記簿抽取，虛構數據）',
  [
    { column: 'bdcdyh', item: '不動產單元號', sqlType: 'char(28)' },
    { column: 'bdcqzh', item: '不動產權證書號', sqlType: 'varchar(50)' },
    { column: 'qlrmc', item: '權利人名稱', sqlType: 'varchar(200)' },
    { column: 'qlrzjhm', item: '權利人證件號碼', sqlType: 'varchar(30)' },
    { column: 'gyqk', item: '共有情況', sqlType: 'varchar(20)' },
    { column: 'zl', item: '坐落', sqlType: 'varchar(300)' },
    { column: 'qllx', item: '權利類型', sqlType: 'varchar(50)' },
    { column: 'qlxz', item: '權利性質', sqlType: 'varchar(50)' },
    { column: 'yt', item: '用途', sqlType: 'varchar(50)' },
    { column: 'mj', item: '面積', sqlType: 'numeric(12,2)' },
    { column: 'djsj', item: '登記時間', sqlType: 'timestamp' },
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
        // 宗地代碼 (county + 地籍區 + 地籍子區 + GB 國有建設用地使用權宗地 + 順序號) + F 房屋 + 幢號 + 戶號.
        unit = `${place.code}${random.digits(6)}GB${random.digits(5)}F${String(random.int(1, 40)).padStart(4, '0')}${String(random.int(101, 3304)).padStart(4, '0')}`;
      } while (usedUnits.has(unit));
      usedUnits.add(unit);
      const registered = dateBetween(random, '2016-01-01', DEMO_REFERENCE_DATE);
      const commercial = random.chance(0.12);
      const city = place.prefecture || place.province;
      return {
        bdcdyh: unit,
        bdcqzh: `${PROVINCE_ABBREVIATIONS[place.code.slice(0, 2)] ?? ''}(${registered.slice(0, 4)})${city}不動產權第${random.digits(7)}號`,
        qlrmc: owner.name,
        qlrzjhm: owner.residentId,
        gyqk: random.weighted([
          ['單獨所有', 70],
          ['共同共有', 25],
          ['按份共有', 5],
        ] as const),
        zl: demoAddress(random, place),
        qllx: '國有建設用地使用權/房屋所有權',
        qlxz: commercial ? '出讓/市場化商品房' : random.chance(0.85) ? '出讓/市場化商品房' : '劃撥/房改房',
        yt: commercial ? '商服用地/商業' : '城鎮住宅用地/住宅',
        mj: cents(commercial ? 30 + random.next() * 220 : 45 + random.next() * 135),
        djsj: timeOn(random, registered),
      };
    });
  },
);

/** 險種類型 codes of 社會保險 (LAB 代碼集). */
const PENSION_INSURANCE_TYPES: ReadonlyArray<readonly [string, number]> = [
  ['110', 70], // 企業職工基本養老保險
  ['120', 10], // 機關事業單位養老保險
  ['210', 12], // 失業保險
  ['410', 8], // 工傷保險
];

const socialInsurance = sampleTable(
  'demo_social_insurance',
  '社會保險參保信息樣例表（社會保險經辦系統抽取，虛構數據）',
  [
    { column: 'grbh', item: '個人編號', sqlType: 'varchar(20)' },
    { column: 'xm', item: '姓名', sqlType: 'varchar(50)' },
    { column: 'gmsfhm', item: '公民身份號碼', sqlType: 'char(18)' },
    { column: 'xzlx', item: '險種類型', sqlType: 'char(3)' },
    { column: 'cbzt', item: '參保狀態', sqlType: 'varchar(2)' },
    { column: 'sccbrq', item: '首次參保日期', sqlType: 'date' },
    { column: 'dwmc', item: '參保單位名稱', sqlType: 'varchar(200)' },
    { column: 'dwtyshxydm', item: '參保單位統一社會信用代碼', sqlType: 'char(18)' },
    { column: 'jfjs', item: '繳費基數', sqlType: 'numeric(12,2)' },
    { column: 'ljjfys', item: '累計繳費月數', sqlType: 'integer' },
    { column: 'cbdxzqh', item: '參保地行政區劃代碼', sqlType: 'char(6)' },
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
        // 1 參保繳費, 2 暫停繳費, 3 終止參保 (retired people draw their pension instead).
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

/** 醫療類別 with its share of settlements. */
const MEDICAL_CATEGORIES: ReadonlyArray<readonly [string, number]> = [
  ['普通門診', 50],
  ['定點藥店購藥', 25],
  ['住院', 15],
  ['門診慢特病', 10],
];

const medicalSettlement = sampleTable(
  'demo_medical_settlement',
  '醫保結算信息樣例表（醫保信息平臺結算清單抽取，虛構數據）',
  [
    { column: 'jslsh', item: '結算流水號', sqlType: 'varchar(30)' },
    { column: 'xm', item: '姓名', sqlType: 'varchar(50)' },
    { column: 'gmsfhm', item: '公民身份號碼', sqlType: 'char(18)' },
    { column: 'xzlx', item: '險種類型', sqlType: 'char(3)' },
    { column: 'yllb', item: '醫療類別', sqlType: 'varchar(10)' },
    { column: 'ddyyjgbm', item: '定點醫藥機構編碼', sqlType: 'varchar(20)' },
    { column: 'ddyyjgmc', item: '定點醫藥機構名稱', sqlType: 'varchar(200)' },
    { column: 'ryrq', item: '入院日期', sqlType: 'date' },
    { column: 'cyrq', item: '出院日期', sqlType: 'date' },
    { column: 'ylfze', item: '醫療費用總額', sqlType: 'numeric(16,2)' },
    { column: 'jjzfje', item: '基金支付金額', sqlType: 'numeric(16,2)' },
    { column: 'grzhzfje', item: '個人賬戶支付金額', sqlType: 'numeric(16,2)' },
    { column: 'grxjzfje', item: '個人現金支付金額', sqlType: 'numeric(16,2)' },
    { column: 'jssj', item: '結算時間', sqlType: 'timestamp' },
  ],
  (regionCode, count) => {
    const random = new DemoRandom(`${regionCode}:medical-settlement`);
    const people = demoPeople(regionCode, Math.max(count, 1));
    // 定點醫藥機構 of the counties the people live in: H… hospitals and clinics, P… pharmacies.
    const facilities = demoCounties(regionCode).flatMap((c, i) => {
      const serial = (n: number) => String(i * 10 + n).padStart(5, '0');
      return [
        { code: `H${c.code}${serial(1)}`, name: `${c.county}人民醫院`, pharmacy: false },
        { code: `H${c.code}${serial(2)}`, name: `${c.county}中醫院`, pharmacy: false },
        { code: `H${c.code}${serial(3)}`, name: `${c.county}${c.streets[0]}社區衛生服務中心`, pharmacy: false },
        {
          code: `P${c.code}${serial(4)}`,
          name: `${c.prefecture || c.province}康寧大藥房${c.streets[0]}店`,
          pharmacy: true,
        },
      ];
    });
    return Array.from({ length: count }, (_, i) => {
      const p = people[random.int(0, people.length - 1)]!;
      const category = random.weighted(MEDICAL_CATEGORIES);
      const employee = random.chance(0.6);
      const pharmacy = category === '定點藥店購藥';
      const facility = random.pick(facilities.filter((f) => f.pharmacy === pharmacy));
      const admitted = dateBetween(random, '2025-01-01', '2025-12-15');
      const inpatient = category === '住院';
      const discharged = inpatient ? isoDate(dayMs(admitted) + random.int(2, 15) * DAY_MS) : admitted;
      const [low, high] = inpatient
        ? [3_000, 60_000]
        : pharmacy
          ? [20, 500]
          : category === '普通門診'
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
        xzlx: employee ? '310' : '390', // 職工基本醫療保險 / 城鄉居民基本醫療保險
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
  '住房公積金繳存信息樣例表（公積金業務管理系統抽取，虛構數據）',
  [
    { column: 'grzh', item: '個人賬號', sqlType: 'varchar(20)' },
    { column: 'xm', item: '姓名', sqlType: 'varchar(50)' },
    { column: 'gmsfhm', item: '公民身份號碼', sqlType: 'char(18)' },
    { column: 'dwzh', item: '單位賬號', sqlType: 'varchar(20)' },
    { column: 'dwmc', item: '單位名稱', sqlType: 'varchar(200)' },
    { column: 'jcjs', item: '繳存基數', sqlType: 'numeric(12,2)' },
    { column: 'dwjcbl', item: '單位繳存比例', sqlType: 'numeric(5,2)' },
    { column: 'grjcbl', item: '個人繳存比例', sqlType: 'numeric(5,2)' },
    { column: 'yjce', item: '月繳存額', sqlType: 'numeric(12,2)' },
    { column: 'jzny', item: '繳至年月', sqlType: 'char(6)' },
    { column: 'zhye', item: '賬戶餘額', sqlType: 'numeric(16,2)' },
    { column: 'zhzt', item: '賬戶狀態', sqlType: 'char(2)' },
    { column: 'khrq', item: '開戶日期', sqlType: 'date' },
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
      // 01 正常, 02 封存 (the employer stopped paying in), 03 銷戶 is not in a live extract.
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
