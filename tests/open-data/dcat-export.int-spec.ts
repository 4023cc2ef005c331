import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import jsonld from 'jsonld';
import { Parser, Store, Writer, type Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import type { ValidationResult } from 'rdf-validate-shacl/src/validation-report.js';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenDataNode, type OpenDataNode } from './open-data-harness.js';

/**
 * DCAT-AP 3 export of a real node: gateway, catalog and open-data running, one dataset published and
 * opened through the catalog and the opening review, 204 more open ones (and an archived and a
 * pending one that must not appear) written beside it. Every page, in Turtle, JSON-LD and RDF/XML,
 * reads back to the same graph, and that graph conforms to SEMICeu's DCAT-AP 3.0.1 shapes.
 */
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const HYDRA = 'http://www.w3.org/ns/hydra/core#';
const SH = 'http://www.w3.org/ns/shacl#';
const EXTRA_OPEN = 204;
const FORMATS = {
  ttl: 'text/turtle',
  jsonld: 'application/ld+json',
  rdf: 'application/rdf+xml',
} as const;
type Format = keyof typeof FORMATS;

const fixtures = fileURLToPath(new URL('./fixtures/dcat-ap-3.0.1/', import.meta.url));
/** What a conformant export must satisfy: the mandatory constraints and the class ranges. */
const REQUIRED_SHAPES = ['shapes.ttl', 'range.ttl'];
/** The controlled vocabularies (violations there count too) and the recommended properties (warnings). */
const ADVISORY_SHAPES = ['mdr-vocabularies.shape.ttl', 'shapes_recommended.ttl'];

function shapes(files: string[]): Store {
  const store = new Store();
  for (const file of files) store.addQuads(parseTurtle(readFileSync(fixtures + file, 'utf8'), fixtures + file));
  return store;
}

function parseTurtle(text: string, baseIRI?: string): Quad[] {
  return new Parser({ baseIRI }).parse(text);
}

async function parse(text: string, format: Format): Promise<Quad[]> {
  if (format === 'ttl') return parseTurtle(text);
  if (format === 'jsonld') {
    const nquads = (await jsonld.toRDF(JSON.parse(text), { format: 'application/n-quads' })) as unknown as string;
    return new Parser({ format: 'N-Quads' }).parse(nquads);
  }
  return new Promise<Quad[]>((resolve, reject) => {
    const quads: Quad[] = [];
    new RdfXmlParser()
      .on('data', (q: Quad) => quads.push(q))
      .on('error', reject)
      .on('end', () => resolve(quads))
      .end(text);
  });
}

/** The graph as sorted N-Triples (the export has no blank nodes, so this compares graphs exactly). */
function canonical(quads: Quad[]): string[] {
  const writer = new Writer({ format: 'N-Triples' });
  return [...new Set(quads.map((q) => writer.quadToString(q.subject, q.predicate, q.object)))].sort();
}

describe('open data: DCAT-AP 3 export', () => {
  let node: OpenDataNode;
  let openDataUrl: string;
  let required: SHACLValidator;
  let advisory: SHACLValidator;
  let openIds: string[];
  let hiddenIds: string[];
  let publishedId: string;
  const pages = new Map<number, Quad[]>();

  async function get(path: string, headers: Record<string, string> = {}, base = openDataUrl) {
    const res = await fetch(`${base}${path}`, { headers });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  }

  /** A page in all three serialisations, checked to be one graph; that graph. */
  async function page(n: number): Promise<Quad[]> {
    const graphs: Record<Format, string[]> = { ttl: [], jsonld: [], rdf: [] };
    let quads: Quad[] = [];
    for (const format of Object.keys(FORMATS) as Format[]) {
      const res = await get(`/catalog.${format}?page=${n}`);
      expect(res.status, `${format} page ${n}: ${res.text.slice(0, 500)}`).toBe(200);
      expect(res.type).toBe(`${FORMATS[format]}; charset=utf-8`);
      const parsed = await parse(res.text, format);
      graphs[format] = canonical(parsed);
      if (format === 'ttl') quads = parsed;
    }
    expect(graphs.ttl.length).toBeGreaterThan(0);
    expect(graphs.jsonld, `JSON-LD page ${n}`).toEqual(graphs.ttl);
    expect(graphs.rdf, `RDF/XML page ${n}`).toEqual(graphs.ttl);
    return quads;
  }

  const objectsOf = (quads: Quad[], s: string, p: string) =>
    quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);
  const subjectsOfType = (quads: Quad[], type: string) =>
    quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === type).map((q) => q.subject.value);

  beforeAll(async () => {
    required = new SHACLValidator(shapes(REQUIRED_SHAPES));
    advisory = new SHACLValidator(shapes(ADVISORY_SHAPES));

    node = await startOpenDataNode();
    openDataUrl = node.openData.httpUrl;
    const authority = await node.token(node.orgB, ['data-admin'], 'open-data-authority');
    await node.source.sql('CREATE SCHEMA qy');
    await node.source.sql('CREATE TABLE qy.djxx (xm varchar(50) NOT NULL, xb varchar(1))');
    await node.source.sql(`GRANT USAGE ON SCHEMA qy TO "${node.source.role}"`);
    await node.source.sql(`GRANT SELECT ON qy.djxx TO "${node.source.role}"`);
    ({ datasetId: publishedId } = await node.publishWithTable(node.orgA, {
      schema: 'qy',
      table: 'djxx',
      columnMapping: [
        { column: 'xm', item: '姓名' },
        { column: 'xb', item: '性别' },
      ],
    }));
    const review = await node.api('GET', `/api/v1/open-data/reviews/${publishedId}`, { token: authority });
    expect(review.status).toBe(200);
    const mountId = review.body.review.columns[0].mountId as string;
    const opened = await node.api('POST', `/api/v1/open-data/reviews/${publishedId}/decision`, {
      token: authority,
      body: {
        decision: 'open',
        domain: 'market',
        licence: 'cc-by',
        confidentialityChecked: true,
        personalInformationChecked: true,
        columns: [
          { mountId, column: 'xm', decision: 'mask', mask: 'name-keep-surname' },
          { mountId, column: 'xb', decision: 'open' },
        ],
      },
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);

    // More datasets like the opened one, written directly: every domain, cycle, licence and open type,
    // names with markup characters; one archived and one pending that the export leaves out.
    const copies = await node.openSql<{ id: string; status: string }>(
      `INSERT INTO open_dataset (id, node_code, entry_id, entry_code, entry_version, entry_sequence, organisation_id,
         provider_name, provider_code, name, abstract, open_type, open_conditions, update_cycle, region_code,
         classification, tags, items, formats, domain, licence, status, review, review_due, review_due_provisional,
         submitted_at, opened_at, metadata_modified, archived_at, archived_reason)
       SELECT gen_random_uuid(), node_code, gen_random_uuid(), entry_code || '-' || n, 1, entry_sequence,
         organisation_id, provider_name, provider_code,
         '企业登记信息 <第' || n || '批> & "汇总"', abstract || E'\\n第' || n || '批',
         CASE WHEN n % 5 = 0 THEN 'conditional' ELSE 'unconditional' END,
         CASE WHEN n % 5 = 0 THEN '须经申请' ELSE '' END,
         (ARRAY['realtime','daily','weekly','monthly','quarterly','yearly','other'])[1 + n % 7],
         (ARRAY['360000','360100','360700'])[1 + n % 3], classification, ARRAY['企业', '登记', '第' || n || '批'],
         items, formats,
         (ARRAY['economy','finance','education','culture','transport','livelihood','environment','health',
                'employment','public-safety','housing','agriculture','work-safety','market','relief','legal',
                'services','weather','geospatial','organisations'])[1 + n % 20],
         (ARRAY['cc-by','cc-zero','odc-by'])[1 + n % 3],
         CASE n WHEN $2 + 1 THEN 'archived' WHEN $2 + 2 THEN 'pending' ELSE 'open' END,
         review, review_due, review_due_provisional, submitted_at, opened_at,
         metadata_modified - make_interval(secs => n),
         CASE n WHEN $2 + 1 THEN now() END, CASE n WHEN $2 + 1 THEN '目录已撤销' END
       FROM open_dataset, generate_series(1, $2 + 2) AS n WHERE id = $1
       RETURNING id, status`,
      [publishedId, EXTRA_OPEN],
    );
    await node.openSql(
      `INSERT INTO open_resource (id, dataset_id, kind, mount_id, name, source, columns)
       SELECT gen_random_uuid(), d.id, 'table', gen_random_uuid(), r.name, r.source, r.columns
       FROM open_dataset d JOIN open_resource r ON r.dataset_id = $1 WHERE d.id = ANY($2)`,
      [publishedId, copies.map((c) => c.id)],
    );
    openIds = [publishedId, ...copies.filter((c) => c.status === 'open').map((c) => c.id)];
    hiddenIds = copies.filter((c) => c.status !== 'open').map((c) => c.id);
    expect(openIds).toHaveLength(EXTRA_OPEN + 1);
    for (const n of [1, 2, 3]) pages.set(n, await page(n));
  }, 300_000);

  afterAll(async () => {
    await node?.close();
  });

  it('conforms to the DCAT-AP 3.0.1 shapes on every page, Turtle, JSON-LD and RDF/XML alike', async () => {
    const summary = (results: ValidationResult[]) =>
      results.map((r) => ({
        severity: r.severity?.value.replace(SH, 'sh:'),
        focus: r.focusNode?.value,
        path: r.path?.value,
        value: r.value?.value,
        message: r.message.map((m) => m.value).join(' '),
      }));
    for (const [n, quads] of pages) {
      const data = new Store(quads);
      const report = await required.validate(data);
      if (!report.conforms) console.error(`page ${n}:`, JSON.stringify(summary(report.results).slice(0, 30), null, 2));
      expect(report.conforms).toBe(true);
      expect(subjectsOfType(quads, `${DCAT}Dataset`).length).toBeGreaterThan(0);

      // Controlled vocabularies: no violation (EU frequency, file type, language, IANA media types);
      // warnings only where the node has no EU term to give (its 主题领域 without an EU match, Chinese
      // publishers, GB/T 2260 regions) or leaves a recommended property out.
      const advice = summary((await advisory.validate(data)).results);
      const violations = advice.filter((r) => r.severity !== 'sh:Warning');
      if (violations.length > 0) console.error(`page ${n}:`, JSON.stringify(violations.slice(0, 30), null, 2));
      expect(violations).toEqual([]);
    }
    // The shapes bite: a dataset without its title is a violation.
    const quads = pages.get(1)!;
    const untitled = subjectsOfType(quads, `${DCAT}Dataset`)[0];
    const broken = await required.validate(
      new Store(quads.filter((q) => !(q.subject.value === untitled && q.predicate.value === `${DCT}title`))),
    );
    expect(summary(broken.results).map((r) => [r.focus, r.path])).toEqual([[untitled, `${DCT}title`]]);
  });

  it('pages the open datasets 100 at a time with hydra links, archived and pending ones left out', async () => {
    const seen: string[] = [];
    const total = openIds.length;
    for (const [n, quads] of pages) {
      const view = `${openDataUrl}/api/v1/open-data/catalog?page=${n}`;
      const at = (p: string) => objectsOf(quads, view, HYDRA + p).map((o) => o.value);
      expect(subjectsOfType(quads, `${HYDRA}PartialCollectionView`)).toEqual([view]);
      expect(at('totalItems')).toEqual([String(total)]);
      expect(at('itemsPerPage')).toEqual(['100']);
      expect(at('first')).toEqual([`${openDataUrl}/api/v1/open-data/catalog?page=1`]);
      expect(at('last')).toEqual([`${openDataUrl}/api/v1/open-data/catalog?page=3`]);
      expect(at('next')).toEqual(n < 3 ? [`${openDataUrl}/api/v1/open-data/catalog?page=${n + 1}`] : []);
      expect(at('previous')).toEqual(n > 1 ? [`${openDataUrl}/api/v1/open-data/catalog?page=${n - 1}`] : []);
      const datasets = objectsOf(quads, `${openDataUrl}/api/v1/open-data/catalog`, `${DCAT}dataset`).map(
        (o) => o.value,
      );
      expect(datasets).toHaveLength(n < 3 ? 100 : total - 200);
      expect(subjectsOfType(quads, `${DCAT}Dataset`).sort()).toEqual([...datasets].sort());
      seen.push(...datasets);
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(openIds.map((id) => `${openDataUrl}/api/v1/open-data/datasets/${id}`).sort());
    for (const id of hiddenIds) expect(seen.join(' ')).not.toContain(id);
    expect((await get('/catalog.ttl?page=4')).status).toBe(404);
    expect((await get('/catalog.ttl?page=0')).status).toBe(400);
    expect((await get('/catalog.jsonld?page=x')).status).toBe(400);
  });

  it('tags titles, descriptions, keywords and publisher names @zh, and describes the opened dataset fully', () => {
    const quads = [...pages.values()].flat();
    const literalsOf = (predicate: string, subjects: string[]) =>
      quads.filter((q) => q.predicate.value === predicate && subjects.includes(q.subject.value)).map((q) => q.object);
    const datasets = subjectsOfType(quads, `${DCAT}Dataset`);
    const agents = subjectsOfType(quads, `${FOAF}Agent`);
    for (const [predicate, subjects] of [
      [`${DCT}title`, datasets],
      [`${DCT}description`, datasets],
      [`${DCAT}keyword`, datasets],
      [`${FOAF}name`, agents],
    ] as const) {
      const literals = literalsOf(predicate, subjects);
      expect(literals.length, predicate).toBeGreaterThanOrEqual(
        datasets.length > subjects.length ? subjects.length : 1,
      );
      for (const l of literals)
        expect(l, `${predicate} ${l.value}`).toMatchObject({ termType: 'Literal', language: 'zh' });
    }
    expect(literalsOf(`${FOAF}name`, agents).map((l) => l.value)).toContain('江西省公安厅');

    const d = `${openDataUrl}/api/v1/open-data/datasets/${publishedId}`;
    const values = (p: string, s = d) => objectsOf(quads, s, p).map((o) => o.value);
    expect(values(`${DCT}title`)).toEqual(['人口基本信息']);
    expect(values(`${DCAT}theme`)).toEqual([
      `${openDataUrl}/api/v1/open-data/themes#market`,
      'http://publications.europa.eu/resource/authority/data-theme/ECON',
    ]);
    const distributions = values(`${DCAT}distribution`);
    // One distribution per format: CSV, JSON, XML, XLSX, each with its EU file type and IANA media type.
    expect(distributions.map((x) => x.slice(x.lastIndexOf('-') + 1)).sort()).toEqual(['csv', 'json', 'xlsx', 'xml']);
    const [xlsx] = distributions.filter((x) => x.endsWith('-xlsx'));
    expect(values(`${DCT}format`, xlsx)).toEqual(['http://publications.europa.eu/resource/authority/file-type/XLSX']);
    expect(values(`${DCAT}mediaType`, xlsx)).toEqual([
      'https://www.iana.org/assignments/media-types/application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    const [csv] = distributions.filter((x) => x.endsWith('-csv'));
    expect(values(`${DCAT}downloadURL`, csv)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${openDataUrl}/api/v1/open-data/datasets/${publishedId}/resources/[0-9a-f-]{36}/download\\?format=csv$`,
        ),
      ),
    ]);
    expect(values(`${DCT}license`, csv)).toEqual(['https://creativecommons.org/licenses/by/4.0/']);
    expect(objectsOf(quads, d, `${DCT}issued`)[0]).toMatchObject({
      datatype: { value: 'http://www.w3.org/2001/XMLSchema#dateTime' },
    });
  });

  it('serves the download URL it names, and builds URIs on the forwarded scheme and host', async () => {
    const quads = pages.get(1)!;
    const csv = quads.find(
      (q) =>
        q.predicate.value === `${DCAT}downloadURL` &&
        q.subject.value.includes(publishedId) &&
        q.object.value.endsWith('csv'),
    )!.object.value;
    const download = await fetch(csv);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).toString('utf8')).toBe('\uFEFF姓名,性别\n');

    const forwarded = await get('/catalog.ttl', {
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'data.jiangxi.gov.cn',
    });
    expect(forwarded.status).toBe(200);
    const graph = parseTurtle(forwarded.text);
    expect(subjectsOfType(graph, `${DCAT}Catalog`)).toEqual(['https://data.jiangxi.gov.cn/api/v1/open-data/catalog']);
    expect(graph.some((q) => q.subject.value.startsWith(openDataUrl) || q.object.value.startsWith(openDataUrl))).toBe(
      false,
    );
    expect((await get('/catalog.ttl', { 'x-forwarded-host': 'evil"><x' })).status).toBe(400);
  });

  it('negotiates /api/v1/open-data/catalog by Accept, and serves the 主题领域 scheme its themes point into', async () => {
    const rdf = await get('/api/v1/open-data/catalog?page=2', { accept: 'application/rdf+xml' });
    expect(rdf.type).toBe('application/rdf+xml; charset=utf-8');
    expect(canonical(await parse(rdf.text, 'rdf'))).toEqual(canonical(pages.get(2)!));
    expect((await get('/api/v1/open-data/catalog')).type).toBe('text/turtle; charset=utf-8');
    const themes = await get('/api/v1/open-data/themes', { accept: 'application/ld+json' });
    expect(themes.type).toBe('application/ld+json; charset=utf-8');
    const scheme = await parse(themes.text, 'jsonld');
    expect(
      objectsOf(
        scheme,
        `${openDataUrl}/api/v1/open-data/themes#market`,
        'http://www.w3.org/2004/02/skos/core#prefLabel',
      ),
    ).toEqual(expect.arrayContaining([expect.objectContaining({ value: '市场监管', language: 'zh' })]));
  });

  it('answers at the gateway: /catalog.ttl at the site root and the negotiated catalog, URIs on the gateway', async () => {
    const gatewayUrl = node.gateway.httpUrl;
    const onGateway = (lines: string[]) => lines.map((l) => l.replaceAll(openDataUrl, gatewayUrl)).sort();
    const direct = onGateway(canonical(pages.get(2)!));
    const ttl = await get('/catalog.ttl?page=2', {}, gatewayUrl);
    expect(ttl.status, ttl.text.slice(0, 300)).toBe(200);
    expect(canonical(await parse(ttl.text, 'ttl'))).toEqual(direct);
    const jsonLd = await get('/api/v1/open-data/catalog?page=2', { accept: 'application/ld+json' }, gatewayUrl);
    expect(jsonLd.type).toBe('application/ld+json; charset=utf-8');
    expect(canonical(await parse(jsonLd.text, 'jsonld'))).toEqual(direct);
  });
});
