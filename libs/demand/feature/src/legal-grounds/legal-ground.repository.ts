import { modifiedRows } from '@govdata/platform-persistence';
import type { EntityManager } from 'typeorm';

/** 法定事由 — a legal ground a refusal may cite. */
export interface LegalGround {
  code: string;
  title: string;
  basis: string;
  description: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Withdrawn grounds are no longer citable; timelines keep naming them. */
  withdrawnAt: string | null;
}

/** A row of `legal_ground` as the queries below return it. */
export interface LegalGroundRow {
  code: string;
  title: string;
  basis: string;
  description: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  withdrawn_at: Date | null;
}

const COLUMNS = 'code, title, basis, description, created_by, created_at, updated_at, withdrawn_at';

/** The node's list of legal grounds (法定事由). */
export class LegalGroundRepository {
  async list(manager: EntityManager, includeWithdrawn: boolean): Promise<LegalGround[]> {
    const rows: LegalGroundRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM legal_ground ${includeWithdrawn ? '' : 'WHERE withdrawn_at IS NULL'} ORDER BY code`,
    );
    return rows.map(toGround);
  }

  async find(manager: EntityManager, code: string): Promise<LegalGround | null> {
    const rows: LegalGroundRow[] = await manager.query(`SELECT ${COLUMNS} FROM legal_ground WHERE code = $1`, [code]);
    return rows[0] ? toGround(rows[0]) : null;
  }

  /** Inserts a ground; null when the code is taken. */
  async insert(
    manager: EntityManager,
    g: { code: string; title: string; basis: string; description: string | null; createdBy: string },
  ): Promise<LegalGround | null> {
    const rows: LegalGroundRow[] = await manager.query(
      `INSERT INTO legal_ground (code, title, basis, description, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code) DO NOTHING RETURNING ${COLUMNS}`,
      [g.code, g.title, g.basis, g.description, g.createdBy],
    );
    return rows[0] ? toGround(rows[0]) : null;
  }

  async update(
    manager: EntityManager,
    code: string,
    g: { title: string; basis: string; description: string | null },
  ): Promise<LegalGround | null> {
    const rows = await modifiedRows<LegalGroundRow>(
      manager,
      `UPDATE legal_ground SET title = $2, basis = $3, description = $4, updated_at = now()
        WHERE code = $1 RETURNING ${COLUMNS}`,
      [code, g.title, g.basis, g.description],
    );
    return rows[0] ? toGround(rows[0]) : null;
  }

  async withdraw(manager: EntityManager, code: string): Promise<LegalGround | null> {
    const rows = await modifiedRows<LegalGroundRow>(
      manager,
      `UPDATE legal_ground SET withdrawn_at = coalesce(withdrawn_at, now()), updated_at = now()
        WHERE code = $1 RETURNING ${COLUMNS}`,
      [code],
    );
    return rows[0] ? toGround(rows[0]) : null;
  }
}

/** A `legal_ground` row as the ground it stands for. */
export function toGround(row: LegalGroundRow): LegalGround {
  return {
    code: row.code,
    title: row.title,
    basis: row.basis,
    description: row.description ?? null,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    withdrawnAt: row.withdrawn_at?.toISOString() ?? null,
  };
}
