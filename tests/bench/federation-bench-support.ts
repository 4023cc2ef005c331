import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { NodeConfig, ServiceName } from '@govdata/platform-config';
import { Client } from 'pg';

/** p50/p95/p99 (nearest rank) and max of `values`, rounded to 0.1. */
export function percentiles(values: number[]): { count: number; p50: number; p95: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    count: sorted.length,
    p50: round(at(50)),
    p95: round(at(95)),
    p99: round(at(99)),
    max: round(sorted.at(-1)!),
  };
}

export interface LoadSnapshot {
  at: number;
  busy: number;
  total: number;
  process: NodeJS.CpuUsage;
}

/** The machine's CPU counters (/proc/stat) and this process's CPU time, now. */
export function loadSnapshot(): LoadSnapshot {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, v) => sum + v, 0);
  const idle = fields[3]! + (fields[4] ?? 0);
  return { at: performance.now(), busy: total - idle, total, process: process.cpuUsage() };
}

/**
 * Load between two snapshots: the share of all cores busy (whatever ran), the cores this process
 * used (the in-process nodes and the bench), and the 1-minute load average at the end.
 */
export function loadBetween(
  from: LoadSnapshot,
  to: LoadSnapshot,
): { cores: number; machineBusyPercent: number; benchProcessCores: number; loadAverage1m: number } {
  const seconds = (to.at - from.at) / 1000;
  const cpuMicros = to.process.user + to.process.system - (from.process.user + from.process.system);
  return {
    cores: cpus().length,
    machineBusyPercent: Math.round((100 * (to.busy - from.busy)) / (to.total - from.total)),
    benchProcessCores: Number((cpuMicros / 1e6 / seconds).toFixed(2)),
    loadAverage1m: Number(loadavg()[0]!.toFixed(2)),
  };
}

/** A connection to a test node's database as its owner, in one service's schema (bulk writes). */
export async function nodeSqlClient(config: NodeConfig, service: ServiceName): Promise<Client> {
  const url = new URL(config.postgres.adminUrl);
  url.pathname = `/${config.postgres.database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`SET search_path TO ${service.replace(/-/g, '_')}, public`);
  return client;
}
