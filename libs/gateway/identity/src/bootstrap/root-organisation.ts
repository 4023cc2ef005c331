import { usccCheckDigit } from '@govdata/codes';
import type { NodeConfig } from '@govdata/platform-config';
import type { EventPublisher } from '@govdata/platform-messaging';
import type { EntityManager } from 'typeorm';
import type { Organisation } from '../organisations/organisation.js';
import { OrganisationRepository, type NewOrganisation } from '../organisations/organisation.repository.js';
import { insertOrganisation } from '../organisations/organisation.service.js';

/** The GB/T 2260 region of a node: its own code, or for a ministry the region inside its USCC. */
export function nodeRegionCode(config: NodeConfig): string {
  return config.node.level === 'ministry' ? config.node.code.slice(2, 8) : config.node.code;
}

/**
 * The root organisation a node starts with, named after the node. Its USCC is a placeholder — prefix
 * 11 (government body), the node's region, a 主体标识码 of zeros and a valid check digit — until a
 * node-admin sets the operating body's real code (`PATCH /api/v1/organisations/:id`).
 */
export function rootOrganisationFor(config: NodeConfig): NewOrganisation {
  const regionCode = nodeRegionCode(config);
  const first17 = `11${regionCode}000000000`;
  return {
    nodeCode: config.node.code,
    name: config.node.name,
    uscc: `${first17}${usccCheckDigit(first17)}`,
    regionCode,
    kind: config.node.level === 'ministry' ? 'department' : 'government',
    parentId: null,
    isRoot: true,
  };
}

/** Finds the node's root organisation, creating it (and its event) on first start. */
export async function ensureRootOrganisation(
  manager: EntityManager,
  publisher: EventPublisher,
  config: NodeConfig,
): Promise<{ root: Organisation; created: boolean }> {
  const existing = await new OrganisationRepository().findRoot(manager, config.node.code);
  if (existing) return { root: existing, created: false };
  return { root: await insertOrganisation(manager, publisher, rootOrganisationFor(config)), created: true };
}

/** Serialises first-run work across gateway replicas of a node; released when the transaction ends. */
export async function lockIdentityBootstrap(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['govdata:identity:bootstrap']);
}
