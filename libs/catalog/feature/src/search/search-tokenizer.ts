import { foldScript } from '@govdata/text';

/**
 * How catalog text becomes search tokens (分词), for PostgreSQL's `tsvector` / `tsquery` with the
 * 'simple' configuration — no zhparser, no external engine.
 *
 * Documents are indexed by **CJK character bigrams** plus the last character of every Han run, so
 * that each character starts exactly one token: any substring a user types is findable (a
 * 2+-character chunk as all of its bigrams, a single character as a prefix `'字':*`). Bigrams are
 * ANDed rather than chained as a phrase (`<->`): a phrase makes the GIN index lossy, so every
 * candidate would be re-checked against its document, and two bigrams of a chunk present but
 * apart is rare in catalog text. Each field gets its own vector (name, tags, items, everything):
 * relevance comes from which field matched (see entry-search.repository.ts), not from positions. Words
 * are not taken from a dictionary on the document side: ICU's segmenter (`Intl.Segmenter`) splits
 * unknown or Traditional-script words into single characters (社保 → 社|保, 参保 → 参|保), so its
 * words would add size without adding recall.
 *
 * Queries are split with `Intl.Segmenter` into chunks that must all match (not necessarily next to
 * each other: 人口的基本信息 finds 人口基本信息); runs of single characters the segmenter could not
 * place are kept together as one chunk (社|保|参|保 → 社保参保), standalone function characters
 * (的、和、与…) are dropped, and common government abbreviations (简称) match their full forms.
 *
 * Both sides are folded to simplified script first (`normaliseText`), so the traditional and the
 * simplified spelling of a word are the same lexemes, and a query in either script finds text in either.
 */

const HAN = /\p{Script=Han}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Text as the index compares it: full-width → half-width (NFKC), lower case, simplified script
 * (traditional folded, `foldScript`), so either script finds the other. Keeps the number of
 * characters for CJK and ASCII text, so a match in it is a match at the same place of the original.
 */
export function normaliseText(text: string): string {
  return foldScript(text.normalize('NFKC').toLowerCase());
}

/** The key of a name for exact / prefix matches: normalised, without spaces. */
export function nameKey(text: string): string {
  return normaliseText(text).replace(/\s+/g, '');
}

/** Splits normalised text into Han runs and other letter/digit runs; everything else separates. */
function runs(text: string): Array<{ han: boolean; chars: string[] }> {
  const out: Array<{ han: boolean; chars: string[] }> = [];
  let current: { han: boolean; chars: string[] } | null = null;
  for (const char of text) {
    const han = HAN.test(char);
    if (!han && !WORD_CHAR.test(char)) {
      current = null;
    } else if (current && current.han === han) {
      current.chars.push(char);
    } else {
      current = { han, chars: [char] };
      out.push(current);
    }
  }
  return out;
}

/** Lexemes of texts: for Han runs every bigram and the run's last character, other runs whole. */
export function lexemes(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const text of texts) {
    for (const run of runs(normaliseText(text))) {
      if (!run.han) {
        out.add(run.chars.join(''));
        continue;
      }
      for (let i = 0; i + 1 < run.chars.length; i++) out.add(run.chars[i]! + run.chars[i + 1]!);
      out.add(run.chars[run.chars.length - 1]!);
    }
  }
  return out;
}

/** Quotes a lexeme for a tsvector / tsquery literal. */
function quote(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * The `tsvector` literal of texts (cast with `::tsvector`, never through a text-search parser,
 * which would re-split the lexemes). Without positions: nothing is ranked on them, matching needs
 * none, and the rows stay smaller.
 */
export function tokenVector(texts: readonly string[]): string {
  return [...lexemes(texts)].map(quote).join(' ');
}

/**
 * Government abbreviations (简称) and their full forms: a query with any member also matches the
 * others (社保 finds 社会保险参保信息, 社会保险 finds 社保参保人员明细). Members are compared folded,
 * so each group works in either script however it is written here.
 */
const EQUIVALENT_FORMS: readonly (readonly string[])[] = [
  ['社保', '社会保险', '社会保险'],
  ['医保', '医保', '医疗保险', '医疗保险', '医疗保障', '医疗保障'],
  ['低保', '最低生活保障'],
  ['公积金', '公积金', '住房公积金', '住房公积金'],
  ['户口', '户口', '户籍', '户籍'],
  ['身份证', '身份证', '公民身份号码', '公民身份号码'],
  ['营业执照', '营业执照'],
  ['不动产', '不动产', '房产', '房产'],
];
const EQUIVALENTS = EQUIVALENT_FORMS.map((group) => [...new Set(group.map(normaliseText))]);
const EQUIVALENT_MEMBERS = EQUIVALENTS.flatMap((group) => group.map((member) => ({ member, group })))
  // Longest first, so 住房公积金 is taken before 公积金.
  .sort((a, b) => b.member.length - a.member.length);

/** Standalone function characters that carry no meaning in a catalog query. */
const STOP_CHARACTERS = new Set(['的', '和', '与', '及', '或', '之', '在', '了', '等', '是', '对'].map(normaliseText));

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** One thing the user asked for: any of its forms must occur (all terms of a query must). */
export interface QueryTerm {
  kind: 'han' | 'word';
  /** The text as typed (folded) first, then equivalent forms. */
  forms: string[];
}

export interface ParsedQuery {
  terms: QueryTerm[];
  /** The whole query as a name key (exact / prefix name matches rank first). */
  key: string;
}

/**
 * Splits a query into terms that must all match. `literal` leaves abbreviations alone (for
 * suggestions, which complete what was typed).
 */
export function parseQuery(query: string, { literal = false } = {}): ParsedQuery {
  const normalised = normaliseText(query);
  const terms: QueryTerm[] = [];
  for (const run of runs(normalised)) {
    const text = run.chars.join('');
    if (run.han) terms.push(...hanTerms(text, literal));
    else terms.push({ kind: 'word', forms: [text] });
  }
  // A query of nothing but function characters still means something: keep them then.
  const meaningful = terms.filter(
    (t) => !(t.kind === 'han' && t.forms.length === 1 && STOP_CHARACTERS.has(t.forms[0]!)),
  );
  return { terms: dedupe(meaningful.length ? meaningful : terms), key: nameKey(query) };
}

/** Terms of one Han run: abbreviations first taken whole, the rest split by the segmenter. */
function hanTerms(run: string, literal: boolean): QueryTerm[] {
  for (const { member, group } of literal ? [] : EQUIVALENT_MEMBERS) {
    const at = run.indexOf(member);
    if (at < 0) continue;
    return [
      ...hanTerms(run.slice(0, at), literal),
      { kind: 'han', forms: [member, ...group.filter((m) => m !== member)] },
      ...hanTerms(run.slice(at + member.length), literal),
    ];
  }
  const terms: QueryTerm[] = [];
  let singles = '';
  const flush = () => {
    if (singles) terms.push({ kind: 'han', forms: [singles] });
    singles = '';
  };
  for (const { segment } of segmenter.segment(run)) {
    if ([...segment].length === 1) {
      singles += segment;
    } else {
      flush();
      terms.push({ kind: 'han', forms: [segment] });
    }
  }
  flush();
  // Single characters the segmenter could not join (社|保) are one chunk; a lone one stays alone.
  return terms;
}

function dedupe(terms: QueryTerm[]): QueryTerm[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const key = `${t.kind}:${t.forms[0]}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The tsquery of one form: all bigrams of a Han chunk, a Han prefix for one character, a word prefix. */
function formQuery(kind: QueryTerm['kind'], form: string): string {
  const chars = [...form];
  if (kind === 'word' || chars.length === 1) return `${quote(form)}:*`;
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) bigrams.push(quote(chars[i]! + chars[i + 1]!));
  return bigrams.length === 1 ? bigrams[0]! : `(${bigrams.join(' & ')})`;
}

/** The `tsquery` literal requiring every term (any of its forms); null when there is nothing to search. */
export function toTsquery(parsed: ParsedQuery): string | null {
  if (parsed.terms.length === 0) return null;
  return parsed.terms
    .map((term) => {
      const forms = term.forms.map((form) => formQuery(term.kind, form));
      return forms.length === 1 ? forms[0]! : `(${forms.join(' | ')})`;
    })
    .join(' & ');
}

/** Every form of every term, for highlighting what matched. */
export function highlightNeedles(parsed: ParsedQuery): string[] {
  return [...new Set(parsed.terms.flatMap((t) => t.forms))].sort((a, b) => b.length - a.length);
}
