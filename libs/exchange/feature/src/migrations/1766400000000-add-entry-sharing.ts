import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sharing type (共享类型) of each entry as published: a grant made at another node (the
 * applicant's) for this node's data is honoured only for data shared without conditions, which no
 * one here had to review.
 */
export class AddEntrySharing1766400000000 implements MigrationInterface {
  name = 'AddEntrySharing1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE entry_ref ADD COLUMN sharing_type text CHECK (sharing_type IN ('unconditional', 'conditional', 'none'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE entry_ref DROP COLUMN sharing_type');
  }
}
