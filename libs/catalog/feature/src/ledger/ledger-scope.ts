import { NODE_LEVELS, nodeCodeProblem, type NodeLevel } from '@govdata/codes';
import { GovdataError } from '@govdata/platform-errors';
import { LedgerQueryProblem } from './ledger.exception.js';

/**
 * 一本账 scopes of list, search and statistics: `node` — this node's own entries (the default);
 * `subtree` — own entries and the replicas of every node below; `all` — everything the national
 * node holds (there the same set as `subtree`). Below national `all` would promise what the node
 * does not hold, so it answers 400 naming `scope` rather than silently meaning `subtree`.
 */
export const LEDGER_SCOPES = ['node', 'subtree', 'all'] as const;
export type LedgerScope = (typeof LEDGER_SCOPES)[number];

/** What a scope selects on a node of this level; throws a 400 naming `scope` for `all` below national. */
export function resolveScope(scope: LedgerScope | undefined, level: NodeLevel): 'node' | 'subtree' {
  if (scope === undefined || scope === 'node') return 'node';
  if (scope === 'all' && level !== 'national') {
    throw GovdataError.validation([
      {
        path: 'scope',
        rule: LedgerQueryProblem.NationalOnly,
        message: `scope=all 为全国一本账，仅国家节点持有；本节点为 ${level} 级节点，请使用 subtree (scope=all is the national ledger and only the national node holds it; this is a ${level} node — use subtree)`,
      },
    ]);
  }
  return 'subtree';
}

/** 平台层级 of a node, from its code (national 100000, province NN0000, city NNNN00, ministry USCC). */
export function nodeLevelOf(code: string): NodeLevel | null {
  return NODE_LEVELS.find((level) => nodeCodeProblem(code, level) === null) ?? null;
}

export const NODE_LEVEL_LABELS: Record<NodeLevel, { zh: string; en: string }> = {
  national: { zh: '国家级', en: 'National' },
  provincial: { zh: '省级', en: 'Provincial' },
  municipal: { zh: '市级', en: 'Municipal' },
  ministry: { zh: '国务院部门', en: 'Ministry' },
};
