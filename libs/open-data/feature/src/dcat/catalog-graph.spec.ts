import { DataFactory, Parser, Writer, type Quad } from 'n3';
import jsonld from 'jsonld';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { describe, expect, it } from 'vitest';
import type { DatasetRecord, ResourceRecord } from '../datasets/dataset.js';
import { OPEN_DOMAIN_CODES, UPDATE_CYCLE_LABELS } from '../datasets/open-vocabulary.js';
import { CATALOG_PAGE_SIZE, catalogGraph, clean } from './catalog-graph.js';
import { serialise } from './catalog-serialisers.js';
import { baseUrl } from './dcat.controller.js';
import {
  DOMAIN_EU_THEMES,
  EU_DATA_THEMES,
  frequencyOf,
  regionUri,
  UPDATE_CYCLE_FREQUENCIES,
} from './dcat-vocabulary.js';
import { writeRdfXml } from './rdf-xml-writer.js';

const BASE = 'https://data.jiangxi.gov.cn';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const HYDRA = 'http://www.w3.org/ns/hydra/core#';

function dataset(n: number, patch: Partial<DatasetRecord> = {}): DatasetRecord {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    nodeCode: '360000',
    entryId: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    entryCode: `360000-0001/${String(n).padStart(5, '0')}`,
    entryVersion: 1,
    entrySequence: 3,
    organisationId: '20000000-0000-4000-8000-000000000001',
    providerName: '江西省市场监督管理局',
    providerCode: '11360000014500000X',
    name: `企业登记信息 ${n}`,
    abstract: '全省企业登记的基本信息 <含"特殊"字符> & 换行\r\n第二行',
    openType: 'unconditional',
    openConditions: '',
    updateCycle: 'daily',
    regionCode: '360000',
    classification: '基础信息资源',
    tags: ['企业', '登记'],
    items: [],
    formats: ['csv'],
    domain: 'market',
    licence: 'cc-by',
    status: 'open',
    review: null,
    reviewDue: null,
    reviewDueProvisional: false,
    submittedAt: '2026-11-02T01:00:00.000Z',
    openedAt: '2026-11-03T01:00:00.000Z',
    archivedAt: null,
    archivedReason: null,
    metadataModified: '2026-11-03T01:00:00.000Z',
    publicVersion: 1,
    origin: null,
    ...patch,
  };
}

function resource(datasetId: string): ResourceRecord {
  return {
    id: '30000000-0000-4000-8000-000000000001',
    datasetId,
    kind: 'table',
    mountId: '40000000-0000-4000-8000-000000000001',
    name: '企业表',
    source: {} as ResourceRecord['source'],
    columns: [],
    createdAt: '2026-11-03T01:00:00.000Z',
    updatedAt: '2026-11-04T01:00:00.000Z',
    replicaFiles: null,
  };
}

async function parsed(text: string, format: 'ttl' | 'jsonld' | 'rdf'): Promise<string[]> {
  let quads: Quad[];
  if (format === 'ttl') quads = new Parser().parse(text);
  else if (format === 'jsonld') {
    const nquads = (await jsonld.toRDF(JSON.parse(text), { format: 'application/n-quads' })) as unknown as string;
    quads = new Parser({ format: 'N-Quads' }).parse(nquads);
  } else {
    quads = await new Promise<Quad[]>((resolve, reject) => {
      const out: Quad[] = [];
      new RdfXmlParser()
        .on('data', (q: Quad) => out.push(q))
        .on('error', reject)
        .on('end', () => resolve(out))
        .end(text);
    });
  }
  return canonical(quads);
}

function canonical(quads: Quad[]): string[] {
  const writer = new Writer({ format: 'N-Triples' });
  return [...new Set(quads.map((q) => writer.quadToString(q.subject, q.predicate, q.object)))].sort();
}

describe('DCAT-AP mappings', () => {
  it('maps every update cycle to an EU frequency, and an unknown one to UNKNOWN', () => {
    expect(Object.keys(UPDATE_CYCLE_FREQUENCIES).sort()).toEqual(Object.keys(UPDATE_CYCLE_LABELS).sort());
    expect(frequencyOf('daily').code).toBe('DAILY');
    expect(frequencyOf('yearly').code).toBe('ANNUAL');
    expect(frequencyOf('realtime').code).toBe('UPDATE_CONT');
    expect(frequencyOf('toString').code).toBe('UNKNOWN');
  });

  it('maps 主题领域 to EU data themes only where the table has one', () => {
    expect(Object.keys(DOMAIN_EU_THEMES).sort()).toEqual([...OPEN_DOMAIN_CODES].sort());
    for (const themes of Object.values(DOMAIN_EU_THEMES)) {
      for (const t of themes) expect(Object.keys(EU_DATA_THEMES)).toContain(t);
    }
    expect(DOMAIN_EU_THEMES.health).toEqual(['HEAL']);
    expect(DOMAIN_EU_THEMES['work-safety']).toEqual([]);
  });

  it('names a region by its GB/T 2260 code', () => {
    expect(regionUri('360100')).toBe('urn:gbt2260:360100');
  });

  it('builds URIs on the forwarded scheme and host, and refuses a host that is not one', () => {
    expect(baseUrl({ protocol: 'http', headers: { host: 'gateway:8080' } })).toBe('http://gateway:8080');
    expect(
      baseUrl({
        protocol: 'http',
        headers: { host: '10.0.0.1:3000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'Data.Example.cn, proxy' },
      }),
    ).toBe('https://data.example.cn');
    expect(baseUrl({ protocol: 'http', headers: { host: 'a', 'x-forwarded-proto': 'gopher' } })).toBe('http://a');
    expect(() => baseUrl({ protocol: 'http', headers: { host: 'evil.cn/> <x' } })).toThrow(/host/);
  });

  it('drops the characters XML cannot carry from literals', () => {
    expect(clean('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
  });
});

describe('catalog graph', () => {
  const d1 = dataset(1);
  const d2 = dataset(2, { openType: 'conditional', domain: 'work-safety', updateCycle: 'weekly', tags: [] });
  const graph = catalogGraph({
    base: BASE,
    node: { code: '360000', name: '江西省政务数据共享平台' },
    page: 2,
    totalItems: 2 * CATALOG_PAGE_SIZE + 1,
    issued: '2026-01-05T02:00:00.000Z',
    modified: '2026-11-03T01:00:00.000Z',
    datasets: [d1, d2],
    resources: [resource(d1.id), resource(d2.id)],
  });
  const objects = (s: string, p: string) =>
    graph.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);
  const d1Uri = `${BASE}/api/v1/open-data/datasets/${d1.id}`;
  const d2Uri = `${BASE}/api/v1/open-data/datasets/${d2.id}`;

  it('describes a dataset with 中文 literals, its theme, frequency, region and distributions', () => {
    expect(objects(`${BASE}/api/v1/open-data/catalog`, `${DCAT}dataset`).map((o) => o.value)).toEqual([d1Uri, d2Uri]);
    const [title] = objects(d1Uri, `${DCT}title`);
    expect(title).toMatchObject({ value: '企业登记信息 1', language: 'zh' });
    expect(objects(d1Uri, `${DCAT}keyword`).map((o) => [o.value, (o as { language: string }).language])).toEqual([
      ['企业', 'zh'],
      ['登记', 'zh'],
    ]);
    expect(objects(d1Uri, `${DCT}identifier`).map((o) => o.value)).toEqual(['360000-0001/00001']);
    expect(objects(d1Uri, `${DCAT}theme`).map((o) => o.value)).toEqual([
      `${BASE}/api/v1/open-data/themes#market`,
      'http://publications.europa.eu/resource/authority/data-theme/ECON',
    ]);
    expect(objects(d1Uri, `${DCT}accrualPeriodicity`).map((o) => o.value)).toEqual([
      'http://publications.europa.eu/resource/authority/frequency/DAILY',
    ]);
    expect(objects(d1Uri, `${DCT}spatial`).map((o) => o.value)).toEqual(['urn:gbt2260:360000']);
    expect(objects(d1Uri, `${DCT}modified`)[0]).toMatchObject({
      value: '2026-11-03T01:00:00.000Z',
      datatype: { value: 'http://www.w3.org/2001/XMLSchema#dateTime' },
    });
    const csv = `${d1Uri}#30000000-0000-4000-8000-000000000001-csv`;
    expect(objects(d1Uri, `${DCAT}distribution`).map((o) => o.value)).toContain(csv);
    expect(objects(csv, `${DCAT}downloadURL`).map((o) => o.value)).toEqual([
      `${d1Uri}/resources/30000000-0000-4000-8000-000000000001/download?format=csv`,
    ]);
    expect(objects(csv, `${DCT}format`).map((o) => o.value)).toEqual([
      'http://publications.europa.eu/resource/authority/file-type/CSV',
    ]);
    expect(objects(csv, `${DCAT}mediaType`).map((o) => o.value)).toEqual([
      'https://www.iana.org/assignments/media-types/text/csv',
    ]);
    expect(objects(csv, `${DCT}license`).map((o) => o.value)).toEqual(['https://creativecommons.org/licenses/by/4.0/']);
  });

  it('gives a dataset opened on conditions no download link, and restricted access rights', () => {
    const csv = `${d2Uri}#30000000-0000-4000-8000-000000000001-csv`;
    expect(objects(csv, `${DCAT}downloadURL`)).toEqual([]);
    expect(objects(csv, `${DCAT}accessURL`).map((o) => o.value)).toEqual([d2Uri]);
    expect(objects(d2Uri, `${DCT}accessRights`).map((o) => o.value)).toEqual([
      'http://publications.europa.eu/resource/authority/access-right/RESTRICTED',
    ]);
    expect(objects(d2Uri, `${DCAT}theme`).map((o) => o.value)).toEqual([`${BASE}/api/v1/open-data/themes#work-safety`]);
  });

  it('links the hydra pages around this one', () => {
    const view = `${BASE}/api/v1/open-data/catalog?page=2`;
    expect(objects(view, `${HYDRA}totalItems`)[0]?.value).toBe('201');
    expect(objects(view, `${HYDRA}itemsPerPage`)[0]?.value).toBe('100');
    expect(objects(view, `${HYDRA}first`)[0]?.value).toBe(`${BASE}/api/v1/open-data/catalog?page=1`);
    expect(objects(view, `${HYDRA}previous`)[0]?.value).toBe(`${BASE}/api/v1/open-data/catalog?page=1`);
    expect(objects(view, `${HYDRA}next`)[0]?.value).toBe(`${BASE}/api/v1/open-data/catalog?page=3`);
    expect(objects(view, `${HYDRA}last`)[0]?.value).toBe(`${BASE}/api/v1/open-data/catalog?page=3`);
  });

  it('reads back to the same graph from Turtle, JSON-LD and RDF/XML', async () => {
    const expected = canonical(graph);
    for (const format of ['ttl', 'jsonld', 'rdf'] as const) {
      expect(await parsed(await serialise(graph, format), format), format).toEqual(expected);
    }
  });
});

describe('RDF/XML writer', () => {
  it('escapes markup, quotes and line ends in text and attributes, and keeps language and datatype', async () => {
    const { namedNode, literal, quad } = DataFactory;
    const quads = [
      quad(
        namedNode('https://x.cn/a?b=1&c=2'),
        namedNode('http://example.org/terms/note'),
        literal(' <tag> & ]]> "q" \r\n\ttab ', 'zh'),
      ),
      quad(
        namedNode('https://x.cn/a?b=1&c=2'),
        namedNode('http://example.org/terms#n'),
        literal('7', namedNode('http://www.w3.org/2001/XMLSchema#integer')),
      ),
      quad(namedNode('https://x.cn/b'), namedNode('http://example.org/terms/see'), namedNode('https://x.cn/a?x=1&y=2')),
    ];
    const xml = writeRdfXml(quads);
    expect(xml).toContain('&lt;tag&gt; &amp; ]]&gt;');
    expect(await parsed(xml, 'rdf')).toEqual(canonical(quads));
  });

  it('refuses a predicate RDF/XML cannot name', () => {
    const { namedNode, literal, quad } = DataFactory;
    expect(() =>
      writeRdfXml([quad(namedNode('https://x.cn/a'), namedNode('http://example.org/1'), literal('x'))]),
    ).toThrow(/local name/);
  });
});
