import type { OpenType } from '../datasets/dataset.js';
import type { DownloadFormat, OpenDomain } from '../datasets/open-vocabulary.js';

/** The namespaces of the export, with the prefixes every serialisation declares. */
export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
} as const;

/** EU authority tables (Publications Office) that DCAT-AP 3 names for these properties. */
export const EU = {
  dataTheme: 'http://publications.europa.eu/resource/authority/data-theme',
  frequency: 'http://publications.europa.eu/resource/authority/frequency',
  fileType: 'http://publications.europa.eu/resource/authority/file-type',
  accessRight: 'http://publications.europa.eu/resource/authority/access-right',
  language: 'http://publications.europa.eu/resource/authority/language',
} as const;

export interface EuConcept {
  /** The concept's code in its authority table (the last segment of its URI). */
  code: string;
  /** The table's own English label, so the export can name the concept without fetching it. */
  en: string;
}

/** The EU data themes (the whole table, with the table's labels). */
export const EU_DATA_THEMES = {
  AGRI: 'Agriculture, fisheries, forestry and food',
  ECON: 'Economy and finance',
  EDUC: 'Education, culture and sport',
  ENER: 'Energy',
  ENVI: 'Environment',
  GOVE: 'Government and public sector',
  HEAL: 'Health',
  INTR: 'International issues',
  JUST: 'Justice, legal system and public safety',
  REGI: 'Regions and cities',
  SOCI: 'Population and society',
  TECH: 'Science and technology',
  TRAN: 'Transport',
} as const;
export type EuDataTheme = keyof typeof EU_DATA_THEMES;

/**
 * 主题领域 → EU data theme, where the match is clear. 安全生产, 生活服务, 地理空间 and 机构团体 have
 * none (geospatial data is a form, not a subject; the EU table has no work-safety theme): those
 * datasets carry the node's own concept only.
 */
export const DOMAIN_EU_THEMES: Record<OpenDomain, readonly EuDataTheme[]> = {
  economy: ['ECON'],
  finance: ['ECON'],
  education: ['EDUC', 'TECH'],
  culture: ['EDUC'],
  transport: ['TRAN'],
  livelihood: ['SOCI'],
  environment: ['ENVI'],
  health: ['HEAL'],
  employment: ['SOCI'],
  'public-safety': ['JUST'],
  housing: ['REGI'],
  agriculture: ['AGRI'],
  'work-safety': [],
  market: ['ECON'],
  relief: ['SOCI'],
  legal: ['JUST'],
  services: [],
  weather: ['ENVI'],
  geospatial: [],
  organisations: [],
};

/** 更新周期 → EU frequency; a cycle the catalog adds later is UNKNOWN until it is mapped here. */
export const UPDATE_CYCLE_FREQUENCIES: Record<string, EuConcept> = {
  realtime: { code: 'UPDATE_CONT', en: 'continuously updated' },
  daily: { code: 'DAILY', en: 'daily' },
  weekly: { code: 'WEEKLY', en: 'weekly' },
  monthly: { code: 'MONTHLY', en: 'monthly' },
  quarterly: { code: 'QUARTERLY', en: 'quarterly' },
  yearly: { code: 'ANNUAL', en: 'annual' },
  other: { code: 'OTHER', en: 'other' },
};
const UNKNOWN_FREQUENCY: EuConcept = { code: 'UNKNOWN', en: 'unknown' };

export function frequencyOf(updateCycle: string): EuConcept {
  return Object.hasOwn(UPDATE_CYCLE_FREQUENCIES, updateCycle)
    ? UPDATE_CYCLE_FREQUENCIES[updateCycle]!
    : UNKNOWN_FREQUENCY;
}

/** How each download format is named: EU file type and IANA media type. */
export const DOWNLOAD_FORMAT_TYPES: Record<DownloadFormat, { fileType: EuConcept; mediaType: string }> = {
  csv: { fileType: { code: 'CSV', en: 'CSV' }, mediaType: 'text/csv' },
  json: { fileType: { code: 'JSON', en: 'JSON' }, mediaType: 'application/json' },
  xml: { fileType: { code: 'XML', en: 'XML' }, mediaType: 'application/xml' },
  xlsx: {
    fileType: { code: 'XLSX', en: 'XLSX' },
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
};

export function euUri(table: string, code: string): string {
  return `${table}/${code}`;
}

export function ianaMediaTypeUri(mediaType: string): string {
  return `https://www.iana.org/assignments/media-types/${mediaType}`;
}

/** 开放属性 → EU access right: 无条件开放 is public, 有条件开放 needs an approved application. */
export const OPEN_TYPE_ACCESS_RIGHTS: Record<OpenType, EuConcept> = {
  unconditional: { code: 'PUBLIC', en: 'public' },
  conditional: { code: 'RESTRICTED', en: 'restricted' },
};

/**
 * 行政区划代码 (GB/T 2260) → a URI. No authority publishes URIs for these codes, so the export names
 * them in a URN that every node spells the same way: the same region is the same resource in every
 * node's export.
 */
export function regionUri(regionCode: string): string {
  return `urn:gbt2260:${encodeURIComponent(regionCode)}`;
}
