import type { EntityManager } from 'typeorm';
import type { DataSourceKind, DataSourceRecord } from './data-source.js';
import { DataSourceEntity, toDataSourceRecord } from './data-source.entity.js';

export interface NewDataSource {
  id: string;
  nodeCode: string;
  organisationId: string;
  name: string;
  kind: DataSourceKind;
  host: string;
  port: number;
  database: string;
  user: string;
  passwordCipher: string | null;
  ssl: boolean;
  actor: string;
}

/** Registered data sources, the only writer of `data_source`; every query is scoped to a node. */
export class DataSourceRepository {
  async insert(manager: EntityManager, s: NewDataSource): Promise<DataSourceRecord> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(DataSourceEntity)
      .values({
        id: s.id,
        nodeCode: s.nodeCode,
        organisationId: s.organisationId,
        name: s.name,
        kind: s.kind,
        host: s.host,
        port: s.port,
        databaseName: s.database,
        username: s.user,
        passwordCipher: s.passwordCipher,
        ssl: s.ssl,
        createdBy: s.actor,
      })
      .updateEntity(false)
      .execute();
    return (await this.findById(manager, s.nodeCode, s.id))!;
  }

  async findById(manager: EntityManager, nodeCode: string, id: string): Promise<DataSourceRecord | null> {
    const row = await manager.getRepository(DataSourceEntity).findOneBy({ nodeCode, id });
    return row ? toDataSourceRecord(row) : null;
  }

  async findByName(manager: EntityManager, organisationId: string, name: string): Promise<DataSourceRecord | null> {
    const row = await manager.getRepository(DataSourceEntity).findOneBy({ organisationId, name });
    return row ? toDataSourceRecord(row) : null;
  }

  /** Sources of one organisation, or of every organisation of the node when none is given. */
  async list(manager: EntityManager, nodeCode: string, organisationId: string | null): Promise<DataSourceRecord[]> {
    const rows = await manager.getRepository(DataSourceEntity).find({
      where: organisationId === null ? { nodeCode } : { nodeCode, organisationId },
      order: { organisationId: 'ASC', name: 'ASC', id: 'ASC' },
    });
    return rows.map(toDataSourceRecord);
  }

  /** How many mounts read from the source (`entry_mount` belongs to the mount repository; read here). */
  async mountCount(manager: EntityManager, id: string): Promise<number> {
    const rows: Array<{ n: number }> = await manager.query(
      'SELECT count(*)::int AS n FROM entry_mount WHERE data_source_id = $1',
      [id],
    );
    return rows[0]!.n;
  }

  async delete(manager: EntityManager, nodeCode: string, id: string): Promise<void> {
    await manager.getRepository(DataSourceEntity).delete({ nodeCode, id });
  }
}
