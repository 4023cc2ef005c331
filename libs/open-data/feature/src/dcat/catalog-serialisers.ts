import jsonld from 'jsonld';
import { Writer, type Quad } from 'n3';
import { NS } from './dcat-vocabulary.js';
import { writeRdfXml } from './rdf-xml-writer.js';

export const CATALOG_FORMATS = {
  ttl: 'text/turtle',
  jsonld: 'application/ld+json',
  rdf: 'application/rdf+xml',
} as const;
export type CatalogFormat = keyof typeof CATALOG_FORMATS;

/** Prefixes only: the JSON-LD keeps every IRI and datatype, so it reads back to the very same graph. */
const JSONLD_CONTEXT = { ...NS };

export async function serialise(quads: Quad[], format: CatalogFormat): Promise<string> {
  switch (format) {
    case 'ttl':
      return writeN3(bySubject(quads), 'Turtle');
    case 'rdf':
      return writeRdfXml(quads, NS);
    case 'jsonld': {
      const nquads = await writeN3(quads, 'N-Quads');
      const expanded = await jsonld.fromRDF(nquads, { format: 'application/n-quads', useNativeTypes: false });
      return JSON.stringify(await jsonld.compact(expanded, JSONLD_CONTEXT), null, 2);
    }
  }
}

function writeN3(quads: Quad[], format: 'Turtle' | 'N-Quads'): Promise<string> {
  const writer = new Writer({ format, prefixes: format === 'Turtle' ? { ...NS } : undefined });
  writer.addQuads(quads);
  return new Promise((resolve, reject) =>
    writer.end((error, result: string) => (error ? reject(error) : resolve(result))),
  );
}

/** The quads of each subject together (first-seen order), so that Turtle names each subject once. */
function bySubject(quads: Quad[]): Quad[] {
  const groups = new Map<string, Quad[]>();
  for (const q of quads) {
    const key = `${q.subject.termType}:${q.subject.value}`;
    const group = groups.get(key);
    if (group) group.push(q);
    else groups.set(key, [q]);
  }
  return [...groups.values()].flat();
}
