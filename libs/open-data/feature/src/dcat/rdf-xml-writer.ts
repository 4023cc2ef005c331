import type { Quad } from 'n3';

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const RDF_LANG_STRING = `${RDF}langString`;

/**
 * Triples as RDF/XML (n3 writes no RDF/XML): one `rdf:Description` per subject, in the order the
 * subjects first appear; every predicate as a qualified name (prefixes from `prefixes`, else `ns1`,
 * `ns2`…), objects as `rdf:resource`, `rdf:nodeID` or text with `xml:lang` / `rdf:datatype`.
 * Quads of a named graph are refused: RDF/XML holds one graph.
 */
export function writeRdfXml(quads: Iterable<Quad>, prefixes: Readonly<Record<string, string>> = {}): string {
  const namespaces = new Map<string, string>(Object.entries(prefixes).map(([p, ns]) => [ns, p]));
  namespaces.set(RDF, 'rdf');
  const bySubject = new Map<string, { subject: Quad['subject']; quads: Quad[] }>();
  for (const q of quads) {
    if (q.graph.termType !== 'DefaultGraph') throw new Error('RDF/XML holds the default graph only');
    const key = `${q.subject.termType}:${q.subject.value}`;
    const entry = bySubject.get(key) ?? { subject: q.subject, quads: [] };
    entry.quads.push(q);
    bySubject.set(key, entry);
  }

  const body: string[] = [];
  for (const { subject, quads: group } of bySubject.values()) {
    if (subject.termType !== 'NamedNode' && subject.termType !== 'BlankNode') {
      throw new Error(`an RDF/XML subject is an IRI or a blank node, not a ${subject.termType}`);
    }
    const about =
      subject.termType === 'NamedNode'
        ? `rdf:about="${attribute(subject.value)}"`
        : `rdf:nodeID="${attribute(nodeId(subject.value))}"`;
    body.push(`  <rdf:Description ${about}>`);
    for (const q of group) {
      const name = qualifiedName(q.predicate.value, namespaces);
      const o = q.object;
      if (o.termType === 'NamedNode') {
        body.push(`    <${name} rdf:resource="${attribute(o.value)}"/>`);
      } else if (o.termType === 'BlankNode') {
        body.push(`    <${name} rdf:nodeID="${attribute(nodeId(o.value))}"/>`);
      } else if (o.termType === 'Literal') {
        let attrs = '';
        if (o.language) attrs = ` xml:lang="${attribute(o.language)}"`;
        else if (o.datatype.value !== XSD_STRING && o.datatype.value !== RDF_LANG_STRING) {
          attrs = ` rdf:datatype="${attribute(o.datatype.value)}"`;
        }
        body.push(`    <${name}${attrs}>${text(o.value)}</${name}>`);
      } else {
        throw new Error(`an RDF/XML object cannot be a ${o.termType}`);
      }
    }
    body.push('  </rdf:Description>');
  }

  const declarations = [...namespaces].map(([ns, prefix]) => `\n    xmlns:${prefix}="${attribute(ns)}"`).join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF${declarations}>\n${body.join('\n')}\n</rdf:RDF>\n`;
}

/**
 * XML name characters (XML 1.0 fifth edition), without the combining marks: a local name is only ever
 * shortened by that, never made invalid.
 */
const NAME_START =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const LOCAL_NAME = new RegExp(`[${NAME_START}][${NAME_START}\\-.0-9\\u00B7]*$`);

/**
 * A predicate IRI as `prefix:local`: the local name is the longest tail that is an XML name (RDF/XML
 * cannot write a predicate whose IRI ends otherwise, e.g. in a digit after a slash).
 */
function qualifiedName(predicate: string, namespaces: Map<string, string>): string {
  const local = LOCAL_NAME.exec(predicate)?.[0];
  if (!local) throw new Error(`the predicate <${predicate}> has no XML local name: RDF/XML cannot write it`);
  const ns = predicate.slice(0, predicate.length - local.length);
  let prefix = namespaces.get(ns);
  if (!prefix) {
    prefix = `ns${namespaces.size}`;
    namespaces.set(ns, prefix);
  }
  return `${prefix}:${local}`;
}

/** Characters XML 1.0 cannot hold at all, escaped or not. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function checked(value: string): string {
  if (NOT_XML.test(value)) throw new Error('a literal holds a character XML 1.0 cannot carry');
  return value;
}

/** Element content: `&`, `<`, `>` (for `]]>`), and CR, which a parser would otherwise fold into LF. */
function text(value: string): string {
  return checked(value).replace(/[&<>\r]/g, (c) => ESCAPES[c]!);
}

/** Attribute values: as text, plus quotes, and tab/LF which attribute normalisation would turn into spaces. */
function attribute(value: string): string {
  return checked(value).replace(/[&<>"\r\n\t]/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#xD;',
  '\n': '&#xA;',
  '\t': '&#x9;',
};

/** Blank node labels as `rdf:nodeID` needs them (an XML name). */
function nodeId(label: string): string {
  return `b${label.replace(/[^A-Za-z0-9_.-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}`;
}
