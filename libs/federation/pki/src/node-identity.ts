import { NATIONAL_NODE_CODE, NODE_LEVELS, nodeCodeProblem, provinceOf, type NodeLevel } from '@govdata/codes';

/** The SAN URI scheme naming a node: the only identity peers trust. */
export const NODE_URN_PREFIX = 'urn:govdata:node:';

export function nodeUrn(code: string): string {
  return `${NODE_URN_PREFIX}${code}`;
}

/** The node code a `urn:govdata:node:<code>` URI names, or null when it names none. */
export function nodeCodeFromUrn(uri: string): string | null {
  if (!uri.startsWith(NODE_URN_PREFIX)) return null;
  const code = uri.slice(NODE_URN_PREFIX.length);
  return nodeLevelOf(code) ? code : null;
}

/** The level a node code belongs to, or null when it is no node code at all. */
export function nodeLevelOf(code: string): NodeLevel | null {
  return NODE_LEVELS.find((level) => nodeCodeProblem(code, level) === null) ?? null;
}

/**
 * BasicConstraints pathLen of a node's certificate: how many CA levels may still follow it. It shrinks
 * down the tree (national root 2 → province 1 → city 0; a ministry 0).
 */
export function pathLengthFor(level: NodeLevel): number {
  switch (level) {
    case 'national':
      return 2;
    case 'provincial':
      return 1;
    case 'municipal':
    case 'ministry':
      return 0;
  }
}

/**
 * Whether `issuerCode` may certify `subjectCode` — the name constraint of the federation. National
 * certifies provinces and ministries; a province certifies the prefecture-level cities in it
 * (36xx00 under 360000). Cities and ministries certify nobody: counties are tenants of their city.
 *
 * X.509 NameConstraints cannot express this: RFC 5280 URI constraints match hosts, and a URN has
 * none (OpenSSL refuses such a chain as "unsupported name syntax"), so the check is ours, made when
 * signing and again when verifying a chain.
 */
export function mayCertify(issuerCode: string, subjectCode: string): boolean {
  const issuerLevel = nodeLevelOf(issuerCode);
  const subjectLevel = nodeLevelOf(subjectCode);
  if (!issuerLevel || !subjectLevel) return false;
  if (issuerLevel === 'national') return subjectLevel === 'provincial' || subjectLevel === 'ministry';
  if (issuerLevel === 'provincial') return subjectLevel === 'municipal' && provinceOf(subjectCode) === issuerCode;
  return false;
}

export { NATIONAL_NODE_CODE };
