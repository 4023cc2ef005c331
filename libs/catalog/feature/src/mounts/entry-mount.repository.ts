import type { EntityManager } from 'typeorm';
import type { EntryContent } from '../entries/entry-content.js';
import type { MountDetail, MountKind, MountRecord } from './entry-mount.js';

/** The parts of an entry that mounting needs: owner, visibility and the head version's items. */
export interface MountTarget {
  id: string;
  nodeCode: string;
  organisationId: string;
  retired: boolean;
  published: boolean;
  headContent: EntryContent;
  /** The published version's content, or the head's when nothing is published yet. */
  visibleContent: EntryContent;
}

export interface NewMount {
  id: string;
  entryId: string;
  nodeCode: string;
  organisationId: string;
  kind: MountKind;
  name: string;
  dataSourceId: string | null;
  detail: MountDetail;
  secretCipher: string | null;
  actor: string;
  /** An uploaded file or an OpenAPI document. */
  content: { mediaType: string; bytes: Buffer } | null;
}

/** Mounted resources (挂接), the only writer of `entry_mount` and `entry_mount_content`; scoped to a node. */
export class EntryMountRepository {
  async findTarget(manager: EntityManager, nodeCode: string, entryId: string): Promise<MountTarget | null> {
    const rows: MountTargetRaw[] = await manager.query(
      `SELECT e.id, e.node_code, e.organisation_id, e.retired_at IS NOT NULL AS retired,
              e.published_version IS NOT NULL AS published, h.content AS head_content,
              COALESCE(p.content, h.content) AS visible_content
       FROM catalog_entry e
       JOIN catalog_entry_version h ON h.entry_id = e.id AND h.version = e.head_version
       LEFT JOIN catalog_entry_version p ON p.entry_id = e.id AND p.version = e.published_version
       WHERE e.node_code = $1 AND e.id = $2`,
      [nodeCode, entryId],
    );
    return rows[0] ? toMountTarget(rows[0]) : null;
  }

  async insert(manager: EntityManager, m: NewMount): Promise<MountRecord> {
    await manager.query(
      `INSERT INTO entry_mount (id, entry_id, node_code, organisation_id, kind, name, data_source_id, detail,
         secret_cipher, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        m.id,
        m.entryId,
        m.nodeCode,
        m.organisationId,
        m.kind,
        m.name,
        m.dataSourceId,
        m.detail,
        m.secretCipher,
        m.actor,
      ],
    );
    if (m.content) {
      await manager.query('INSERT INTO entry_mount_content (mount_id, media_type, content) VALUES ($1, $2, $3)', [
        m.id,
        m.content.mediaType,
        m.content.bytes,
      ]);
    }
    return (await this.findById(manager, m.nodeCode, m.entryId, m.id))!;
  }

  async list(manager: EntityManager, nodeCode: string, entryId: string): Promise<MountRecord[]> {
    const rows: MountRaw[] = await manager.query(
      `${SELECT} WHERE m.node_code = $1 AND m.entry_id = $2 ORDER BY m.created_at, m.id`,
      [nodeCode, entryId],
    );
    return rows.map(toMountRecord);
  }

  /**
   * The tables mounted on an entry of the node, with their data source's sealed password — for the
   * node's services that read the data (`CatalogMountsService`), never for an API response.
   */
  async tablesWithSources(manager: EntityManager, nodeCode: string, entryId: string): Promise<TableMountWithSource[]> {
    const rows: Array<MountRaw & { source_password_cipher: string | null }> = await manager.query(
      `${SELECT.replace('FROM entry_mount m', ', s.password_cipher AS source_password_cipher FROM entry_mount m')}
       WHERE m.node_code = $1 AND m.entry_id = $2 AND m.kind = 'table' AND m.data_source_id IS NOT NULL
       ORDER BY m.created_at, m.id`,
      [nodeCode, entryId],
    );
    return rows.map((row) => ({ mount: toMountRecord(row), passwordCipher: row.source_password_cipher }));
  }

  async findById(manager: EntityManager, nodeCode: string, entryId: string, id: string): Promise<MountRecord | null> {
    const rows: MountRaw[] = await manager.query(`${SELECT} WHERE m.node_code = $1 AND m.entry_id = $2 AND m.id = $3`, [
      nodeCode,
      entryId,
      id,
    ]);
    return rows[0] ? toMountRecord(rows[0]) : null;
  }

  async findByName(manager: EntityManager, entryId: string, name: string): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM entry_mount WHERE entry_id = $1 AND name = $2', [
      entryId,
      name,
    ]);
    return rows.length > 0;
  }

  async content(manager: EntityManager, mountId: string): Promise<{ mediaType: string; bytes: Buffer } | null> {
    const rows: Array<{ media_type: string; content: Buffer }> = await manager.query(
      'SELECT media_type, content FROM entry_mount_content WHERE mount_id = $1',
      [mountId],
    );
    return rows[0] ? { mediaType: rows[0].media_type, bytes: rows[0].content } : null;
  }

  async delete(manager: EntityManager, nodeCode: string, id: string): Promise<void> {
    await manager.query('DELETE FROM entry_mount WHERE node_code = $1 AND id = $2', [nodeCode, id]);
  }
}

const SELECT = `
  SELECT m.id, m.entry_id, m.node_code, m.organisation_id, m.kind, m.name, m.data_source_id, m.detail,
         m.secret_cipher IS NOT NULL AS has_secret, m.created_by, m.created_at,
         s.name AS source_name, s.kind AS source_kind, s.host AS source_host, s.port AS source_port,
         s.database_name AS source_database, s.username AS source_user, s.ssl AS source_ssl,
         s.password_cipher IS NOT NULL AS source_has_password
  FROM entry_mount m LEFT JOIN data_source s ON s.id = m.data_source_id`;

/** A mounted table and its data source's password as stored (sealed), or null when it has none. */
export interface TableMountWithSource {
  mount: MountRecord;
  passwordCipher: string | null;
}

/** The entry as {@link EntryMountRepository.findTarget} selects it (`catalog_entry` is read, not written, here). */
export interface MountTargetRaw {
  id: string;
  node_code: string;
  organisation_id: string;
  retired: boolean;
  published: boolean;
  head_content: EntryContent;
  visible_content: EntryContent;
}

export function toMountTarget(r: MountTargetRaw): MountTarget {
  return {
    id: r.id,
    nodeCode: r.node_code,
    organisationId: r.organisation_id,
    retired: r.retired,
    published: r.published,
    headContent: r.head_content,
    visibleContent: r.visible_content,
  };
}

/** An `entry_mount` row with its data source, as {@link SELECT} selects it. */
export interface MountRaw {
  id: string;
  entry_id: string;
  node_code: string;
  organisation_id: string;
  kind: MountKind;
  name: string;
  data_source_id: string | null;
  detail: MountDetail;
  has_secret: boolean;
  created_by: string;
  created_at: Date;
  /** The `source_…` columns are null when the mount has no data source (a LEFT JOIN). */
  source_name: string | null;
  source_kind: string | null;
  source_host: string | null;
  source_port: number | null;
  source_database: string | null;
  source_user: string | null;
  source_ssl: boolean | null;
  source_has_password: boolean | null;
}

export function toMountRecord(row: MountRaw): MountRecord {
  const dataSourceId = row.data_source_id ?? null;
  return {
    id: row.id,
    entryId: row.entry_id,
    nodeCode: row.node_code,
    organisationId: row.organisation_id,
    kind: row.kind,
    name: row.name,
    dataSourceId,
    detail: row.detail,
    hasSecret: row.has_secret,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    dataSource: dataSourceId
      ? {
          id: dataSourceId,
          name: row.source_name!,
          kind: row.source_kind!,
          host: row.source_host!,
          port: row.source_port!,
          database: row.source_database!,
          user: row.source_user!,
          ssl: row.source_ssl!,
          hasPassword: row.source_has_password!,
        }
      : null,
  };
}
