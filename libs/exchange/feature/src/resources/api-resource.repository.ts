import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ApiResourceRecord } from './api-resource.js';

/** An `api_resource` row as pg returns it (jsonb parsed). */
export interface ApiResourceRaw {
  id: string;
  node_code: string;
  organisation_id: string;
  entry_id: string;
  name: string;
  base_url: string;
  openapi: Record<string, unknown>;
  operations: ApiResourceRecord['operations'];
  response_items: ApiResourceRecord['responseItems'];
  records_at: string | null;
  upstream: ApiResourceRecord['upstream'];
  credential_kind: ApiResourceRecord['credentialKind'];
  credential_meta: ApiResourceRecord['credentialMeta'];
  credential_cipher: string | null;
  version: number;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export type NewApiResource = Omit<ApiResourceRecord, 'version' | 'createdAt' | 'updatedAt'>;

/** 接口资源 rows of this node's exchange; every query names the node. */
@Injectable()
export class ApiResourceRepository {
  async insert(manager: EntityManager, resource: NewApiResource): Promise<ApiResourceRecord> {
    const rows: ApiResourceRaw[] = await manager.query(
      `INSERT INTO api_resource (id, node_code, organisation_id, entry_id, name, base_url, openapi, operations,
         response_items, records_at, upstream, credential_kind, credential_meta, credential_cipher, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11::jsonb, $12, $13::jsonb, $14, $15)
       RETURNING *`,
      [
        resource.id,
        resource.nodeCode,
        resource.organisationId,
        resource.entryId,
        resource.name,
        resource.baseUrl,
        JSON.stringify(resource.openapi),
        JSON.stringify(resource.operations),
        JSON.stringify(resource.responseItems),
        resource.recordsAt,
        JSON.stringify(resource.upstream),
        resource.credentialKind,
        JSON.stringify(resource.credentialMeta),
        resource.credentialCipher,
        resource.createdBy,
      ],
    );
    return toApiResourceRecord(rows[0]!);
  }

  async findById(manager: EntityManager, nodeCode: string, id: string): Promise<ApiResourceRecord | null> {
    const rows: ApiResourceRaw[] = await manager.query('SELECT * FROM api_resource WHERE node_code = $1 AND id = $2', [
      nodeCode,
      id,
    ]);
    return rows[0] ? toApiResourceRecord(rows[0]) : null;
  }

  async findByEntry(manager: EntityManager, nodeCode: string, entryId: string): Promise<ApiResourceRecord | null> {
    const rows: ApiResourceRaw[] = await manager.query(
      'SELECT * FROM api_resource WHERE node_code = $1 AND entry_id = $2',
      [nodeCode, entryId],
    );
    return rows[0] ? toApiResourceRecord(rows[0]) : null;
  }

  /** The node's resources, or one organisation's (`organisationId` set). */
  async list(manager: EntityManager, nodeCode: string, organisationId: string | null): Promise<ApiResourceRecord[]> {
    const rows: ApiResourceRaw[] = await manager.query(
      `SELECT * FROM api_resource WHERE node_code = $1 AND ($2::uuid IS NULL OR organisation_id = $2)
       ORDER BY created_at, id`,
      [nodeCode, organisationId],
    );
    return rows.map(toApiResourceRecord);
  }

  async delete(manager: EntityManager, nodeCode: string, id: string): Promise<void> {
    await manager.query('DELETE FROM api_resource WHERE node_code = $1 AND id = $2', [nodeCode, id]);
  }
}

/** The resource of a row; the only place its columns become fields. */
export function toApiResourceRecord(row: ApiResourceRaw): ApiResourceRecord {
  return {
    id: row.id,
    nodeCode: row.node_code,
    organisationId: row.organisation_id,
    entryId: row.entry_id,
    name: row.name,
    baseUrl: row.base_url,
    openapi: row.openapi,
    operations: row.operations,
    responseItems: row.response_items,
    recordsAt: row.records_at,
    upstream: row.upstream,
    credentialKind: row.credential_kind,
    credentialMeta: row.credential_meta,
    credentialCipher: row.credential_cipher,
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
