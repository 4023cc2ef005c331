import { modifiedRows } from '@govdata/platform-persistence';
import type { EntityManager } from 'typeorm';
import type { KeysetPosition } from '../paging/keyset-cursor.js';
import type { CommentRecord } from './comment.js';

interface CommentRaw {
  id: string;
  dataset_id: string;
  account_id: string;
  author_name: string;
  text: string;
  created_at: Date;
  hidden_at: Date | null;
  hidden_by: string | null;
  hidden_reason: string | null;
}

export function toComment(r: CommentRaw): CommentRecord {
  return {
    id: r.id,
    datasetId: r.dataset_id,
    accountId: r.account_id,
    authorName: r.author_name,
    text: r.text,
    createdAt: r.created_at.toISOString(),
    hiddenAt: r.hidden_at?.toISOString() ?? null,
    hiddenBy: r.hidden_by,
    hiddenReason: r.hidden_reason,
  };
}

/** 评论 as stored: the only writer of `open_comment`. */
export class CommentRepository {
  async insert(
    manager: EntityManager,
    c: Pick<CommentRecord, 'id' | 'datasetId' | 'accountId' | 'authorName' | 'text'>,
  ): Promise<CommentRecord> {
    const rows: CommentRaw[] = await manager.query(
      `INSERT INTO open_comment (id, dataset_id, account_id, author_name, text, created_at)
       VALUES ($1, $2, $3, $4, $5, now()) RETURNING *`,
      [c.id, c.datasetId, c.accountId, c.authorName, c.text],
    );
    return toComment(rows[0]!);
  }

  async findById(manager: EntityManager, id: string): Promise<CommentRecord | null> {
    const rows: CommentRaw[] = await manager.query('SELECT * FROM open_comment WHERE id = $1', [id]);
    return rows[0] ? toComment(rows[0]) : null;
  }

  /** A dataset's visible comments, newest first, from after `after`. */
  async listVisible(
    manager: EntityManager,
    datasetId: string,
    f: { after?: KeysetPosition; limit: number },
  ): Promise<CommentRecord[]> {
    const params: unknown[] = [datasetId];
    const after = f.after
      ? `AND (created_at, id) < ($${params.push(f.after.at)}::timestamptz, $${params.push(f.after.id)}::uuid)`
      : '';
    const rows: CommentRaw[] = await manager.query(
      `SELECT * FROM open_comment WHERE dataset_id = $1 AND hidden_at IS NULL ${after}
       ORDER BY created_at DESC, id DESC LIMIT $${params.push(f.limit)}`,
      params,
    );
    return rows.map(toComment);
  }

  /** The author's comments, hidden ones too, newest first. */
  async listOfAccount(manager: EntityManager, accountId: string, limit: number): Promise<CommentRecord[]> {
    const rows: CommentRaw[] = await manager.query(
      'SELECT * FROM open_comment WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2',
      [accountId, limit],
    );
    return rows.map(toComment);
  }

  /** Deletes the author's own comment; false when it is not theirs or not there. */
  async removeOwn(manager: EntityManager, id: string, accountId: string): Promise<boolean> {
    const rows = await modifiedRows(
      manager,
      'DELETE FROM open_comment WHERE id = $1 AND account_id = $2 RETURNING id',
      [id, accountId],
    );
    return rows.length > 0;
  }

  /** Hides a visible comment; null when it was hidden (or deleted) meanwhile. */
  async hide(manager: EntityManager, id: string, by: string, reason: string): Promise<CommentRecord | null> {
    const rows = await modifiedRows<CommentRaw>(
      manager,
      `UPDATE open_comment SET hidden_at = now(), hidden_by = $2, hidden_reason = $3
       WHERE id = $1 AND hidden_at IS NULL RETURNING *`,
      [id, by, reason],
    );
    return rows[0] ? toComment(rows[0]) : null;
  }
}
