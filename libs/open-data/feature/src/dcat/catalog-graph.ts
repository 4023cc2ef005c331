import { DataFactory, type NamedNode, type Quad, type Quad_Object } from 'n3';
import type { DatasetRecord, ResourceRecord } from '../datasets/dataset.js';
import { DOWNLOAD_FORMATS, OPEN_DOMAINS, OPEN_DOMAIN_CODES, OPEN_LICENCES } from '../datasets/open-vocabulary.js';
import {
  DOMAIN_EU_THEMES,
  DOWNLOAD_FORMAT_TYPES,
  EU,
  EU_DATA_THEMES,
  NS,
  OPEN_TYPE_ACCESS_RIGHTS,
  euUri,
  frequencyOf,
  ianaMediaTypeUri,
  regionUri,
  type EuConcept,
} from './dcat-vocabulary.js';

const { namedNode, literal, quad } = DataFactory;

/** Datasets per page of the export, as ckanext-dcat pages its catalog. */
export const CATALOG_PAGE_SIZE = 100;

/** 中文 — the language of the export's free text. */
const ZHO = `${EU.language}/ZHO`;

export interface CatalogPage {
  /** `https://host` as the client reached the node, without a trailing slash. */
  base: string;
  node: { code: string; name: string };
  page: number;
  totalItems: number;
  /** When the node first opened a dataset, and when an open one last changed (null while none is open). */
  issued: string | null;
  modified: string | null;
  datasets: readonly DatasetRecord[];
  resources: readonly ResourceRecord[];
}

/**
 * Where the export names things: one place, so that the controller and the graph agree. Everything
 * lives under `/api/v1/open-data` (the portal owns `/catalog/…` at the gateway); the catalog and its
 * pages are one URI per page whatever the format (`/api/v1/open-data/catalog` negotiates), so that
 * Turtle, JSON-LD and RDF/XML hold the same graph. Publishers are described in the catalog itself.
 */
export function catalogUris(base: string) {
  const catalog = `${base}/api/v1/open-data/catalog`;
  const themes = `${base}/api/v1/open-data/themes`;
  return {
    catalog,
    page: (n: number) => `${catalog}?page=${n}`,
    homepage: `${base}/`,
    nodePublisher: `${catalog}#publisher`,
    publisher: (organisationId: string) => `${catalog}#organisation-${organisationId}`,
    themes,
    theme: (code: string) => `${themes}#${code}`,
    dataset: (id: string) => `${base}/api/v1/open-data/datasets/${id}`,
  };
}

export function lastPage(totalItems: number): number {
  return Math.max(1, Math.ceil(totalItems / CATALOG_PAGE_SIZE));
}

/** One page of the node's DCAT-AP 3 catalog: the catalog, its datasets and what they refer to, typed. */
export function catalogGraph(p: CatalogPage): Quad[] {
  const g = new GraphBuilder();
  const uri = catalogUris(p.base);
  const catalog = namedNode(uri.catalog);
  g.add(catalog, 'rdf:type', iri('dcat:Catalog'));
  g.add(catalog, 'dct:title', zh(p.node.name));
  g.add(catalog, 'dct:description', zh(`${p.node.name}开放数据目录：经开放审核向社会开放的数据集`));
  g.add(catalog, 'dct:publisher', namedNode(uri.nodePublisher));
  g.add(catalog, 'foaf:homepage', namedNode(uri.homepage));
  g.add(catalog, 'dct:language', namedNode(ZHO));
  if (p.issued) g.add(catalog, 'dct:issued', dateTime(p.issued));
  if (p.modified) g.add(catalog, 'dct:modified', dateTime(p.modified));
  g.add(catalog, 'dcat:themeTaxonomy', namedNode(uri.themes));
  g.add(catalog, 'dcat:themeTaxonomy', namedNode(EU.dataTheme));
  g.agent(uri.nodePublisher, p.node.name, p.node.code);
  g.add(namedNode(uri.homepage), 'rdf:type', iri('foaf:Document'));
  g.add(namedNode(ZHO), 'rdf:type', iri('dct:LinguisticSystem'));
  g.add(namedNode(ZHO), 'skos:inScheme', namedNode(EU.language));
  themeSchemes(g, uri);

  for (const d of p.datasets) {
    const dataset = namedNode(uri.dataset(d.id));
    g.add(catalog, 'dcat:dataset', dataset);
    datasetTriples(
      g,
      uri,
      d,
      p.resources.filter((r) => r.datasetId === d.id),
    );
  }

  const last = lastPage(p.totalItems);
  const view = namedNode(uri.page(p.page));
  g.add(view, 'rdf:type', iri('hydra:PartialCollectionView'));
  g.add(view, 'hydra:totalItems', literal(String(p.totalItems), iri('xsd:integer')));
  g.add(view, 'hydra:itemsPerPage', literal(String(CATALOG_PAGE_SIZE), iri('xsd:integer')));
  g.add(view, 'hydra:first', namedNode(uri.page(1)));
  g.add(view, 'hydra:last', namedNode(uri.page(last)));
  if (p.page < last) g.add(view, 'hydra:next', namedNode(uri.page(p.page + 1)));
  if (p.page > 1) g.add(view, 'hydra:previous', namedNode(uri.page(p.page - 1)));
  return g.quads();
}

/**
 * The node's 主题领域 as a SKOS concept scheme (served at `/api/v1/open-data/themes`, its concepts are hash
 * URIs there), each concept matched to the EU data theme where the match is clear; the EU table
 * is described as far as DCAT-AP needs (a titled scheme, labelled concepts).
 */
export function themeSchemes(g: GraphBuilder, uri: ReturnType<typeof catalogUris>): void {
  const scheme = namedNode(uri.themes);
  g.add(scheme, 'rdf:type', iri('skos:ConceptScheme'));
  g.add(scheme, 'dct:title', zh('开放数据主题领域'));
  g.add(scheme, 'dct:title', literal('Subject domains of open data', 'en'));
  for (const code of OPEN_DOMAIN_CODES) {
    const concept = namedNode(uri.theme(code));
    g.add(concept, 'rdf:type', iri('skos:Concept'));
    g.add(concept, 'skos:prefLabel', zh(OPEN_DOMAINS[code].zh));
    g.add(concept, 'skos:prefLabel', literal(OPEN_DOMAINS[code].en, 'en'));
    g.add(concept, 'skos:notation', literal(code));
    g.add(concept, 'skos:inScheme', scheme);
    g.add(concept, 'skos:topConceptOf', scheme);
    g.add(scheme, 'skos:hasTopConcept', concept);
    for (const eu of DOMAIN_EU_THEMES[code]) g.add(concept, 'skos:closeMatch', namedNode(euUri(EU.dataTheme, eu)));
  }
  const euScheme = namedNode(EU.dataTheme);
  g.add(euScheme, 'rdf:type', iri('skos:ConceptScheme'));
  g.add(euScheme, 'dct:title', literal('Data theme', 'en'));
  for (const [code, en] of Object.entries(EU_DATA_THEMES)) {
    g.euConcept(EU.dataTheme, { code, en });
  }
}

function datasetTriples(
  g: GraphBuilder,
  uri: ReturnType<typeof catalogUris>,
  d: DatasetRecord,
  resources: readonly ResourceRecord[],
): void {
  const datasetUri = uri.dataset(d.id);
  const dataset = namedNode(datasetUri);
  g.add(dataset, 'rdf:type', iri('dcat:Dataset'));
  /** 信息资源代码 */
  g.add(dataset, 'dct:identifier', literal(clean(d.entryCode)));
  g.add(dataset, 'dct:title', zh(d.name));
  g.add(dataset, 'dct:description', zh(d.abstract));
  const publisher = uri.publisher(d.organisationId);
  g.add(dataset, 'dct:publisher', namedNode(publisher));
  g.agent(publisher, d.providerName, d.providerCode);
  if (d.origin) {
    // A replica of a dataset opened below this node: its origin and the way it came (一本账 provenance).
    const provenance = namedNode(`${datasetUri}#provenance`);
    g.add(dataset, 'dct:provenance', provenance);
    g.add(provenance, 'rdf:type', iri('dct:ProvenanceStatement'));
    g.add(
      provenance,
      'rdfs:label',
      zh(`由节点 ${d.origin.nodeCode} 开放，经 ${d.origin.path.join('→')} 汇聚（来源节点 ${d.origin.nodeCode}）`),
    );
  }
  for (const tag of d.tags) g.add(dataset, 'dcat:keyword', zh(tag));
  if (d.domain) {
    g.add(dataset, 'dcat:theme', namedNode(uri.theme(d.domain)));
    for (const eu of DOMAIN_EU_THEMES[d.domain]) g.add(dataset, 'dcat:theme', namedNode(euUri(EU.dataTheme, eu)));
  }
  if (d.openedAt) g.add(dataset, 'dct:issued', dateTime(d.openedAt));
  g.add(dataset, 'dct:modified', dateTime(d.metadataModified));
  const frequency = g.euConcept(EU.frequency, frequencyOf(d.updateCycle), 'dct:Frequency');
  g.add(dataset, 'dct:accrualPeriodicity', frequency);
  const region = namedNode(regionUri(d.regionCode));
  g.add(dataset, 'dct:spatial', region);
  g.add(region, 'rdf:type', iri('dct:Location'));
  g.add(region, 'dct:identifier', literal(clean(d.regionCode)));
  const rights = g.euConcept(EU.accessRight, OPEN_TYPE_ACCESS_RIGHTS[d.openType], 'dct:RightsStatement');
  g.add(dataset, 'dct:accessRights', rights);
  g.add(dataset, 'dct:language', namedNode(ZHO));

  const licence = d.licence ? OPEN_LICENCES[d.licence] : null;
  if (licence) {
    const doc = namedNode(licence.url);
    g.add(doc, 'rdf:type', iri('dct:LicenseDocument'));
    g.add(doc, 'rdfs:label', zh(licence.zh));
    g.add(doc, 'rdfs:label', literal(licence.en, 'en'));
  }
  // 有条件开放 data is served under an approved application: no download link to a 403.
  const served = d.openType === 'unconditional';
  for (const r of resources) {
    const resourcePath = `${datasetUri}/resources/${r.id}`;
    for (const format of DOWNLOAD_FORMATS) {
      const types = DOWNLOAD_FORMAT_TYPES[format];
      const distribution = namedNode(`${datasetUri}#${r.id}-${format}`);
      g.add(dataset, 'dcat:distribution', distribution);
      g.add(distribution, 'rdf:type', iri('dcat:Distribution'));
      g.add(distribution, 'dct:title', zh(`${r.name}（${types.fileType.en}）`));
      g.add(
        distribution,
        'dct:description',
        zh(
          served
            ? `${r.name}的全部开放数据，${types.fileType.en} 格式下载；按开放审核的决定脱敏或不予开放相应字段`
            : `${r.name}：有条件开放，须经申请获批后使用`,
        ),
      );
      g.add(distribution, 'dcat:accessURL', namedNode(served ? `${resourcePath}/rows` : datasetUri));
      if (served) g.add(distribution, 'dcat:downloadURL', namedNode(`${resourcePath}/download?format=${format}`));
      g.add(distribution, 'dct:format', g.euConcept(EU.fileType, types.fileType, 'dct:MediaTypeOrExtent'));
      const mediaType = namedNode(ianaMediaTypeUri(types.mediaType));
      g.add(distribution, 'dcat:mediaType', mediaType);
      g.add(mediaType, 'rdf:type', iri('dct:MediaType'));
      if (licence) g.add(distribution, 'dct:license', namedNode(licence.url));
      g.add(distribution, 'dct:issued', dateTime(r.createdAt));
      g.add(distribution, 'dct:modified', dateTime(r.updatedAt));
    }
  }
}

type Curie = `${keyof typeof NS}:${string}`;

export function iri(curie: Curie): NamedNode {
  const [prefix, local] = curie.split(':') as [keyof typeof NS, string];
  return namedNode(NS[prefix] + local);
}

/**
 * Characters XML 1.0 cannot carry (C0 controls other than tab and line breaks, U+FFFE/U+FFFF, lone
 * surrogates): dropped from every literal, so that Turtle, JSON-LD and RDF/XML hold the same graph.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function clean(text: string): string {
  return text.replace(NOT_XML, '');
}

function zh(text: string) {
  return literal(clean(text), 'zh');
}

function dateTime(iso: string) {
  return literal(new Date(iso).toISOString(), iri('xsd:dateTime'));
}

/** Collects quads once each (an agent or concept shared by datasets is described once). */
export class GraphBuilder {
  private readonly seen = new Set<string>();
  private readonly list: Quad[] = [];

  add(subject: NamedNode, predicate: Curie, object: Quad_Object): void {
    const q = quad(subject, iri(predicate), object);
    const key = `${q.subject.value} ${q.predicate.value} ${termKey(object)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(q);
  }

  /** A foaf:Agent with its name (中文) and its code. */
  agent(uri: string, name: string, code: string): void {
    const agent = namedNode(uri);
    this.add(agent, 'rdf:type', iri('foaf:Agent'));
    this.add(agent, 'foaf:name', zh(name));
    if (code) this.add(agent, 'dct:identifier', literal(clean(code)));
  }

  /** A concept of an EU authority table, typed as the property's range needs and labelled. */
  euConcept(table: string, concept: EuConcept, rangeClass?: Curie): NamedNode {
    const node = namedNode(euUri(table, concept.code));
    this.add(node, 'rdf:type', iri('skos:Concept'));
    if (rangeClass) this.add(node, 'rdf:type', iri(rangeClass));
    this.add(node, 'skos:prefLabel', literal(concept.en, 'en'));
    this.add(node, 'skos:inScheme', namedNode(table));
    return node;
  }

  quads(): Quad[] {
    return this.list;
  }
}

function termKey(term: Quad_Object): string {
  if (term.termType !== 'Literal') return `<${term.value}>`;
  return JSON.stringify([term.value, term.language, term.datatype.value]);
}

/** The node's theme scheme alone, as `/api/v1/open-data/themes` serves it. */
export function themesGraph(base: string): Quad[] {
  const g = new GraphBuilder();
  themeSchemes(g, catalogUris(base));
  return g.quads();
}
