import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OPEN_DOMAINS, type OpenDomain } from '../datasets/open-vocabulary.js';

/**
 * The figures the 2018 pilot plan for 公共信息资源开放 sets for a pilot's open platform: at least 15
 * subject domains, at least 10 datasets in each, at least 300 datasets, a machine-readable share of
 * at least 90 % and an API share of at least 30 %.
 */
export const OPENING_TARGETS = {
  domains: 15,
  datasetsPerDomain: 10,
  datasets: 300,
  machineReadableShare: 0.9,
  apiShare: 0.3,
} as const;

export type StatisticsScope = 'node' | 'subtree';

export interface OpenStatistics {
  nodeCode: string;
  /** node: the node's own datasets; subtree: with the replicas of the nodes below it. */
  scope: StatisticsScope;
  /** The nodes whose datasets are counted (this node, and for a subtree those below with any). */
  nodes: string[];
  /** Computed live when asked. */
  computedAt: string;
  datasets: number;
  archived: number;
  departments: number;
  domains: {
    count: number;
    perDomain: Array<{ code: OpenDomain; zh: string; en: string; datasets: number }>;
  };
  /** Open datasets with at least one resource a program reads (tables served as CSV and JSON). */
  machineReadable: { datasets: number; share: number };
  /**
   * Open datasets callable as an API. Downloads are counted where they are served — a replica's at its
   * origin — so they are this node's own in either scope.
   */
  api: { datasets: number; share: number };
  downloads: { total: number; rows: number; days: Array<{ day: string; downloads: number; rows: number }> };
  targets: typeof OPENING_TARGETS & {
    met: {
      domains: boolean;
      datasetsPerDomain: boolean;
      datasets: boolean;
      machineReadableShare: boolean;
      apiShare: boolean;
    };
  };
}

/** 开放统计 — the node's open-data figures, computed from the datasets as they are now. */
@Injectable()
export class OpenStatisticsRepository {
  async compute(
    manager: EntityManager,
    nodeCode: string,
    days: number,
    scope: StatisticsScope = 'node',
  ): Promise<OpenStatistics> {
    // Every replica held here is of a node in this node's subtree (the federation's envelope rules).
    const counted = scope === 'subtree' ? '(d.node_code = $1 OR d.origin_path IS NOT NULL)' : 'd.node_code = $1';
    const nodes: Array<{ node_code: string }> = await manager.query(
      `SELECT DISTINCT d.node_code FROM open_dataset d WHERE ${counted} AND d.node_code <> $1 ORDER BY d.node_code`,
      [nodeCode],
    );
    const [totals] = (await manager.query(
      `SELECT count(*) FILTER (WHERE d.status = 'open')::int AS open,
              count(*) FILTER (WHERE d.status = 'archived')::int AS archived,
              count(DISTINCT d.organisation_id) FILTER (WHERE d.status = 'open')::int AS departments,
              count(*) FILTER (WHERE d.status = 'open' AND EXISTS (
                SELECT 1 FROM open_resource r WHERE r.dataset_id = d.id AND r.kind = 'table'))::int AS machine_readable
       FROM open_dataset d WHERE ${counted}`,
      [nodeCode],
    )) as Array<{ open: number; archived: number; departments: number; machine_readable: number }>;
    const perDomain: Array<{ domain: OpenDomain; n: number }> = await manager.query(
      `SELECT d.domain, count(*)::int AS n FROM open_dataset d WHERE ${counted} AND d.status = 'open'
       GROUP BY d.domain ORDER BY n DESC, d.domain`,
      [nodeCode],
    );
    const downloadDays: Array<{ day: string; downloads: string; rows: string }> = await manager.query(
      `SELECT to_char(c.day, 'YYYY-MM-DD') AS day, sum(c.downloads)::text AS downloads, sum(c.rows_served)::text AS rows
       FROM open_download_count c JOIN open_resource r ON r.id = c.resource_id
       JOIN open_dataset d ON d.id = r.dataset_id AND d.node_code = $1
       WHERE c.day > (now() AT TIME ZONE 'Asia/Shanghai')::date - $2::int
       GROUP BY c.day ORDER BY c.day`,
      [nodeCode, days],
    );
    const [all] = (await manager.query(
      `SELECT coalesce(sum(c.downloads), 0)::text AS downloads, coalesce(sum(c.rows_served), 0)::text AS rows
       FROM open_download_count c JOIN open_resource r ON r.id = c.resource_id
       JOIN open_dataset d ON d.id = r.dataset_id AND d.node_code = $1`,
      [nodeCode],
    )) as Array<{ downloads: string; rows: string }>;
    const datasets = totals?.open ?? 0;
    const share = (n: number) => (datasets === 0 ? 0 : Math.round((n / datasets) * 1000) / 1000);
    const domains = perDomain.map((d) => ({ code: d.domain, ...OPEN_DOMAINS[d.domain], datasets: d.n }));
    const machineReadable = totals?.machine_readable ?? 0;
    // API resources for open datasets come with open-data API keys; none is served yet.
    const api = 0;
    return {
      nodeCode,
      scope,
      nodes: [nodeCode, ...nodes.map((n) => n.node_code)],
      computedAt: new Date().toISOString(),
      datasets,
      archived: totals?.archived ?? 0,
      departments: totals?.departments ?? 0,
      domains: { count: domains.length, perDomain: domains },
      machineReadable: { datasets: machineReadable, share: share(machineReadable) },
      api: { datasets: api, share: share(api) },
      downloads: {
        total: Number(all?.downloads ?? 0),
        rows: Number(all?.rows ?? 0),
        days: downloadDays.map((d) => ({ day: d.day, downloads: Number(d.downloads), rows: Number(d.rows) })),
      },
      targets: {
        ...OPENING_TARGETS,
        met: {
          domains: domains.length >= OPENING_TARGETS.domains,
          datasetsPerDomain:
            domains.length >= OPENING_TARGETS.domains &&
            domains.every((d) => d.datasets >= OPENING_TARGETS.datasetsPerDomain),
          datasets: datasets >= OPENING_TARGETS.datasets,
          machineReadableShare: share(machineReadable) >= OPENING_TARGETS.machineReadableShare,
          apiShare: share(api) >= OPENING_TARGETS.apiShare,
        },
      },
    };
  }
}
