/**
 * 主题领域 — the subject domains an open dataset is filed under, as provincial open-data portals
 * commonly divide them; the plan for 公共信息资源开放 counts datasets per domain.
 */
export const OPEN_DOMAINS = {
  economy: { zh: '经贸工商', en: 'Trade and industry' },
  finance: { zh: '财税金融', en: 'Finance and taxation' },
  education: { zh: '教育科技', en: 'Education and science' },
  culture: { zh: '文化休闲', en: 'Culture and leisure' },
  transport: { zh: '道路交通', en: 'Transport' },
  livelihood: { zh: '社会民生', en: 'Livelihood' },
  environment: { zh: '资源环境', en: 'Resources and environment' },
  health: { zh: '医疗卫生', en: 'Health' },
  employment: { zh: '社保就业', en: 'Social security and employment' },
  'public-safety': { zh: '公共安全', en: 'Public safety' },
  housing: { zh: '城建住房', en: 'Urban construction and housing' },
  agriculture: { zh: '农业农村', en: 'Agriculture and rural affairs' },
  'work-safety': { zh: '安全生产', en: 'Work safety' },
  market: { zh: '市场监管', en: 'Market regulation' },
  relief: { zh: '社会救助', en: 'Social assistance' },
  legal: { zh: '法律服务', en: 'Legal services' },
  services: { zh: '生活服务', en: 'Everyday services' },
  weather: { zh: '气象服务', en: 'Weather' },
  geospatial: { zh: '地理空间', en: 'Geospatial' },
  organisations: { zh: '机构团体', en: 'Organisations' },
} as const;
export type OpenDomain = keyof typeof OPEN_DOMAINS;
export const OPEN_DOMAIN_CODES = Object.keys(OPEN_DOMAINS) as OpenDomain[];

/** 开放许可 — the licences a dataset may be opened under (ids as CKAN's licence register spells them). */
export const OPEN_LICENCES = {
  'cc-by': {
    zh: '知识共享署名 4.0',
    en: 'Creative Commons Attribution 4.0',
    url: 'https://creativecommons.org/licenses/by/4.0/',
  },
  'cc-zero': {
    zh: '知识共享 CC0 1.0',
    en: 'Creative Commons CC0 1.0',
    url: 'https://creativecommons.org/publicdomain/zero/1.0/',
  },
  'odc-by': {
    zh: '开放数据共享署名许可 1.0',
    en: 'Open Data Commons Attribution License 1.0',
    url: 'https://opendatacommons.org/licenses/by/1-0/',
  },
} as const;
export type OpenLicence = keyof typeof OPEN_LICENCES;
export const OPEN_LICENCE_IDS = Object.keys(OPEN_LICENCES) as OpenLicence[];

/** 更新周期 as the catalog names them. */
export const UPDATE_CYCLE_LABELS: Record<string, { zh: string; en: string }> = {
  realtime: { zh: '实时', en: 'Real time' },
  daily: { zh: '每日', en: 'Daily' },
  weekly: { zh: '每周', en: 'Weekly' },
  monthly: { zh: '每月', en: 'Monthly' },
  quarterly: { zh: '每季度', en: 'Quarterly' },
  yearly: { zh: '每年', en: 'Yearly' },
  other: { zh: '其他', en: 'Other' },
};

/** Formats a table resource can be downloaded in (the 2018 pilot plan's machine-readable formats). */
export const DOWNLOAD_FORMATS = ['csv', 'json', 'xml', 'xlsx'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

/** Working days the node authority has for an opening review (开放审核). */
export const OPENING_REVIEW_WORKING_DAYS = 10;
