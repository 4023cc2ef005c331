import { Injectable } from '@nestjs/common';
import type { Role } from '@govdata/platform-auth';
import type { EntityManager } from 'typeorm';
import { pageKeySql, toPage, type Page, type PagePosition } from '../paging/cursor.js';

/** 用户 — a person with an account on this node. */
export interface UserAccount {
  id: string;
  organisationId: string;
  username: string;
  displayName: string;
  /** Roles granted in the user's own organisation (what their tokens carry). */
  roles: Role[];
  active: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
}

/** What a password login needs; never leaves the identity module. */
export interface LoginCandidate {
  id: string;
  organisationId: string;
  displayName: string;
  passwordHash: string;
  /** The account and its organisation are both active. */
  active: boolean;
}

/** A `user_account` row with its roles in its own organisation, as COLUMNS returns it. */
export interface UserRow {
  id: string;
  organisation_id: string;
  username: string;
  display_name: string;
  roles: Role[];
  active: boolean;
  created_at: Date;
  last_login_at: Date | null;
  page_key: string;
}

/** What a password login reads of an account (`active`: the account and its organisation both are). */
export interface LoginCandidateRow {
  id: string;
  organisation_id: string;
  display_name: string;
  password_hash: string;
  active: boolean;
}

const COLUMNS = `u.id, u.organisation_id, u.username, u.display_name, u.active, u.created_at, u.last_login_at,
  ${pageKeySql('u.created_at')} AS page_key,
  COALESCE((SELECT array_agg(g.role ORDER BY g.role) FROM role_grant g WHERE g.user_id = u.id AND g.organisation_id = u.organisation_id), '{}') AS roles`;

export interface NewUser {
  organisationId: string;
  username: string;
  displayName: string;
  passwordHash: string;
}

/** Queries on user accounts and their role grants. Every query names the node (through the organisation). */
@Injectable()
export class UserRepository {
  async findById(manager: EntityManager, nodeCode: string, id: string): Promise<UserAccount | undefined> {
    const rows: UserRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM user_account u JOIN organisation o ON o.id = u.organisation_id WHERE o.node_code = $1 AND u.id = $2`,
      [nodeCode, id],
    );
    return rows[0] && toUser(rows[0]);
  }

  async usernameTaken(manager: EntityManager, username: string): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM user_account WHERE username = $1', [username]);
    return rows.length > 0;
  }

  async findForLogin(manager: EntityManager, nodeCode: string, username: string): Promise<LoginCandidate | undefined> {
    const rows: LoginCandidateRow[] = await manager.query(
      `SELECT u.id, u.organisation_id, u.display_name, u.password_hash, (u.active AND o.active) AS active
       FROM user_account u JOIN organisation o ON o.id = u.organisation_id WHERE o.node_code = $1 AND u.username = $2`,
      [nodeCode, username],
    );
    return rows[0] && toLoginCandidate(rows[0]);
  }

  /** The same as {@link findForLogin}, by id: a browser session renews its token for the account it signed in. */
  async findForRenewal(manager: EntityManager, nodeCode: string, id: string): Promise<LoginCandidate | undefined> {
    const rows: LoginCandidateRow[] = await manager.query(
      `SELECT u.id, u.organisation_id, u.display_name, u.password_hash, (u.active AND o.active) AS active
       FROM user_account u JOIN organisation o ON o.id = u.organisation_id WHERE o.node_code = $1 AND u.id = $2`,
      [nodeCode, id],
    );
    return rows[0] && toLoginCandidate(rows[0]);
  }

  async insert(manager: EntityManager, user: NewUser, roles: readonly Role[]): Promise<string> {
    const [{ id }]: Array<{ id: string }> = await manager.query(
      'INSERT INTO user_account (organisation_id, username, display_name, password_hash) VALUES ($1, $2, $3, $4) RETURNING id',
      [user.organisationId, user.username, user.displayName, user.passwordHash],
    );
    if (roles.length > 0) {
      await manager.query(
        'INSERT INTO role_grant (user_id, role, organisation_id) SELECT $1, r, $3 FROM unnest($2::text[]) AS r ON CONFLICT DO NOTHING',
        [id, roles, user.organisationId],
      );
    }
    return id!;
  }

  /** Records a successful login, storing a fresh hash when the KDF parameters changed. */
  async recordLogin(manager: EntityManager, id: string, newPasswordHash?: string): Promise<void> {
    await manager.query(
      'UPDATE user_account SET last_login_at = now(), password_hash = COALESCE($2, password_hash) WHERE id = $1',
      [id, newPasswordHash ?? null],
    );
  }

  /** The ids of every account of the organisation, active or not. */
  async idsOf(manager: EntityManager, organisationId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query('SELECT id FROM user_account WHERE organisation_id = $1', [
      organisationId,
    ]);
    return rows.map((r) => r.id);
  }

  async setPassword(manager: EntityManager, id: string, passwordHash: string): Promise<void> {
    await manager.query('UPDATE user_account SET password_hash = $2 WHERE id = $1', [id, passwordHash]);
  }

  /** Deactivates or reactivates an account; false when it has no such account on the node. */
  async setActive(manager: EntityManager, nodeCode: string, id: string, active: boolean): Promise<boolean> {
    const [, count]: [unknown, number] = await manager.query(
      `UPDATE user_account u SET active = $3 FROM organisation o
       WHERE o.id = u.organisation_id AND o.node_code = $1 AND u.id = $2`,
      [nodeCode, id, active],
    );
    return count > 0;
  }

  /** Removes one grant; true when the user held it. */
  async removeGrant(manager: EntityManager, userId: string, role: Role, organisationId: string): Promise<boolean> {
    const [, count]: [unknown, number] = await manager.query(
      'DELETE FROM role_grant WHERE user_id = $1 AND role = $2 AND organisation_id = $3',
      [userId, role, organisationId],
    );
    return count > 0;
  }

  /** Takes the node's node-admin grants in order, so two concurrent removals cannot leave none. */
  async lockNodeAdmins(manager: EntityManager, nodeCode: string): Promise<void> {
    await manager.query(
      `SELECT 1 FROM role_grant g JOIN organisation o ON o.id = g.organisation_id
       WHERE o.node_code = $1 AND g.role = 'node-admin' ORDER BY g.user_id FOR UPDATE OF g`,
      [nodeCode],
    );
  }

  /** Every grant of a user, in any organisation. */
  async grantsOf(manager: EntityManager, userId: string): Promise<Array<{ role: Role; organisationId: string }>> {
    const rows: Array<{ role: Role; organisation_id: string }> = await manager.query(
      'SELECT role, organisation_id FROM role_grant WHERE user_id = $1 ORDER BY organisation_id, role',
      [userId],
    );
    return rows.map((r) => ({ role: r.role, organisationId: r.organisation_id }));
  }

  async countWithRole(manager: EntityManager, nodeCode: string, role: Role): Promise<number> {
    const [{ count }]: Array<{ count: number }> = await manager.query(
      `SELECT count(*)::int AS count FROM role_grant g JOIN user_account u ON u.id = g.user_id JOIN organisation o ON o.id = g.organisation_id
       WHERE o.node_code = $1 AND g.role = $2 AND u.active`,
      [nodeCode, role],
    );
    return count;
  }

  /** Users of the node, or of one organisation, in creation order. */
  async page(
    manager: EntityManager,
    nodeCode: string,
    organisationId: string | undefined,
    limit: number,
    after?: PagePosition,
  ): Promise<Page<UserAccount>> {
    const conditions = ['o.node_code = $1'];
    const values: unknown[] = [nodeCode];
    if (organisationId) {
      values.push(organisationId);
      conditions.push(`u.organisation_id = $${values.length}`);
    }
    if (after) {
      values.push(after.createdAt, after.id);
      conditions.push(`(u.created_at, u.id) > ($${values.length - 1}::timestamptz, $${values.length}::uuid)`);
    }
    values.push(limit + 1);
    const rows: UserRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM user_account u JOIN organisation o ON o.id = u.organisation_id
       WHERE ${conditions.join(' AND ')} ORDER BY u.created_at, u.id LIMIT $${values.length}`,
      values,
    );
    return toPage(rows, limit, toUser);
  }
}

/** The account a row describes. */
export function toUser(row: UserRow): UserAccount {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    active: row.active,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

/** What a password login needs of the row. */
export function toLoginCandidate(row: LoginCandidateRow): LoginCandidate {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    active: row.active,
  };
}
