import { Injectable } from '@nestjs/common';
import type { Role } from '@govdata/platform-auth';
import type { EntityManager } from 'typeorm';
import { pageKeySql, toPage, type Page, type PagePosition } from '../paging/cursor.js';

/** 服务账号 — a system that calls the platform's APIs with client credentials. */
export interface ServiceAccount {
  id: string;
  organisationId: string;
  clientId: string;
  name: string;
  roles: Role[];
  active: boolean;
  createdAt: Date;
}

export interface ServiceAccountCredentials extends ServiceAccount {
  secretHash: string;
  /** The account and its organisation are both active. */
  usable: boolean;
}

/** A `service_account` row as COLUMNS returns it. */
export interface ServiceAccountRow {
  id: string;
  organisation_id: string;
  client_id: string;
  name: string;
  roles: Role[];
  active: boolean;
  created_at: Date;
}

/** The row with what a client-credentials login needs (`usable`: the account and its organisation are active). */
export type ServiceAccountCredentialsRow = ServiceAccountRow & { secret_hash: string; usable: boolean };

const COLUMNS = 's.id, s.organisation_id, s.client_id, s.name, s.roles, s.active, s.created_at';

/** Queries on service accounts. Every query names the node (through the organisation). */
@Injectable()
export class ServiceAccountRepository {
  async insert(
    manager: EntityManager,
    a: { organisationId: string; clientId: string; name: string; secretHash: string; roles: readonly Role[] },
  ): Promise<ServiceAccount> {
    const rows: ServiceAccountRow[] = await manager.query(
      `INSERT INTO service_account AS s (organisation_id, client_id, name, secret_hash, roles) VALUES ($1, $2, $3, $4, $5::text[]) RETURNING ${COLUMNS}`,
      [a.organisationId, a.clientId, a.name, a.secretHash, a.roles],
    );
    return toServiceAccount(rows[0]!);
  }

  async findByClientId(
    manager: EntityManager,
    nodeCode: string,
    clientId: string,
  ): Promise<ServiceAccount | undefined> {
    const found = await this.credentialsFor(manager, nodeCode, clientId);
    if (!found) return undefined;
    const { secretHash: _secretHash, usable: _usable, ...account } = found;
    return account;
  }

  async findById(manager: EntityManager, nodeCode: string, id: string): Promise<ServiceAccount | undefined> {
    const rows: ServiceAccountRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM service_account s JOIN organisation o ON o.id = s.organisation_id WHERE o.node_code = $1 AND s.id = $2`,
      [nodeCode, id],
    );
    return rows[0] && toServiceAccount(rows[0]);
  }

  /** Replaces the secret: the old one is refused from now on. */
  /** The client ids of every service account of the organisation, active or not. */
  async clientIdsOf(manager: EntityManager, organisationId: string): Promise<string[]> {
    const rows: Array<{ client_id: string }> = await manager.query(
      'SELECT client_id FROM service_account WHERE organisation_id = $1',
      [organisationId],
    );
    return rows.map((r) => r.client_id);
  }

  async replaceSecret(manager: EntityManager, id: string, secretHash: string): Promise<void> {
    await manager.query('UPDATE service_account SET secret_hash = $2, secret_rotated_at = now() WHERE id = $1', [
      id,
      secretHash,
    ]);
  }

  async deactivate(manager: EntityManager, id: string): Promise<ServiceAccount> {
    const [rows]: [ServiceAccountRow[], number] = await manager.query(
      `UPDATE service_account s SET active = false WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    return toServiceAccount(rows[0]!);
  }

  /** Service accounts of the node, or of one organisation, in creation order (never their secrets). */
  async page(
    manager: EntityManager,
    nodeCode: string,
    organisationId: string | undefined,
    limit: number,
    after?: PagePosition,
  ): Promise<Page<ServiceAccount>> {
    const conditions = ['o.node_code = $1'];
    const values: unknown[] = [nodeCode];
    if (organisationId) {
      values.push(organisationId);
      conditions.push(`s.organisation_id = $${values.length}`);
    }
    if (after) {
      values.push(after.createdAt, after.id);
      conditions.push(`(s.created_at, s.id) > ($${values.length - 1}::timestamptz, $${values.length}::uuid)`);
    }
    values.push(limit + 1);
    const rows: Array<ServiceAccountRow & { page_key: string }> = await manager.query(
      `SELECT ${COLUMNS}, ${pageKeySql('s.created_at')} AS page_key
       FROM service_account s JOIN organisation o ON o.id = s.organisation_id
       WHERE ${conditions.join(' AND ')} ORDER BY s.created_at, s.id LIMIT $${values.length}`,
      values,
    );
    return toPage(rows, limit, toServiceAccount);
  }

  /** What a client-credentials login needs; never leaves the identity module. */
  async credentialsFor(
    manager: EntityManager,
    nodeCode: string,
    clientId: string,
  ): Promise<ServiceAccountCredentials | undefined> {
    const rows: ServiceAccountCredentialsRow[] = await manager.query(
      `SELECT ${COLUMNS}, s.secret_hash, (s.active AND o.active) AS usable
       FROM service_account s JOIN organisation o ON o.id = s.organisation_id WHERE o.node_code = $1 AND s.client_id = $2`,
      [nodeCode, clientId],
    );
    return rows[0] && toServiceAccountCredentials(rows[0]);
  }
}

/** The service account a row describes. */
export function toServiceAccount(row: ServiceAccountRow): ServiceAccount {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    clientId: row.client_id,
    name: row.name,
    roles: row.roles,
    active: row.active,
    createdAt: row.created_at,
  };
}

/** The account with its secret hash and whether it may log in. */
export function toServiceAccountCredentials(row: ServiceAccountCredentialsRow): ServiceAccountCredentials {
  return { ...toServiceAccount(row), secretHash: row.secret_hash, usable: row.usable };
}
