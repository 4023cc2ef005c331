import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The node's grade → sharing/opening policy (分级 → 共享/开放). No national rule fixes it, so it is
 * data: seeded with the Zhejiang scheme (DB33/T 2350-2021) — L1 open without conditions, L2/L3
 * opened on conditions, L4 and 重要/核心 data not opened, 核心 data never shared without conditions.
 */
export class CreateGradePolicy1763900500000 implements MigrationInterface {
  name = 'CreateGradePolicy1763900500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE grade_policy (
        grade         text PRIMARY KEY CHECK (grade IN ('core', 'important', 'general-1', 'general-2', 'general-3', 'general-4')),
        sharing_types text[] NOT NULL CHECK (sharing_types <@ ARRAY['unconditional', 'conditional', 'none']),
        open_types    text[] NOT NULL CHECK (open_types <@ ARRAY['unconditional', 'conditional', 'none']),
        updated_by    text NOT NULL DEFAULT 'seed:DB33/T 2350-2021',
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      INSERT INTO grade_policy (grade, sharing_types, open_types) VALUES
        ('core',      ARRAY['conditional', 'none'],                  ARRAY['none']),
        ('important', ARRAY['unconditional', 'conditional', 'none'], ARRAY['none']),
        ('general-1', ARRAY['unconditional', 'conditional', 'none'], ARRAY['unconditional', 'conditional', 'none']),
        ('general-2', ARRAY['unconditional', 'conditional', 'none'], ARRAY['conditional', 'none']),
        ('general-3', ARRAY['unconditional', 'conditional', 'none'], ARRAY['conditional', 'none']),
        ('general-4', ARRAY['unconditional', 'conditional', 'none'], ARRAY['none'])`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE grade_policy');
  }
}
