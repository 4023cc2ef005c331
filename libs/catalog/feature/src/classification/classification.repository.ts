import type { EntityManager } from 'typeorm';
import { ClassificationEntity, toClassification } from './classification.entity.js';

/** One node of the 目录分类 code table: 类 (level 1), 项 (2), 目 (3), 细目 (4). */
export interface Classification {
  code: string;
  parentCode: string | null;
  level: number;
  name: string;
  nameEn: string | null;
  /**
   * `national` codes come with the platform (the national standard), `node` codes were added by this
   * node, `inherited` ones were issued by an ancestor node (`inheritedFrom`) and are read-only here.
   */
  origin: 'national' | 'node' | 'inherited';
  inheritedFrom: string | null;
  /** Withdrawn by the issuing node: entries filed under it keep it, no new entry may use it. */
  withdrawnAt: string | null;
}

/** The content a classification standard carries. */
export type ClassificationContent = Pick<Classification, 'code' | 'parentCode' | 'level' | 'name' | 'nameEn'>;

/** The 目录分类 code table, the only writer of `classification`. */
export class ClassificationRepository {
  async all(manager: EntityManager): Promise<Classification[]> {
    const rows = await manager.getRepository(ClassificationEntity).find({ order: { code: 'ASC' } });
    return rows.map(toClassification);
  }

  async find(manager: EntityManager, code: string): Promise<Classification | null> {
    const row = await manager.getRepository(ClassificationEntity).findOneBy({ code });
    return row ? toClassification(row) : null;
  }

  async insert(manager: EntityManager, c: ClassificationContent): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ClassificationEntity)
      .values({ ...classificationContent(c), origin: 'node' })
      .updateEntity(false)
      .execute();
  }

  async rename(manager: EntityManager, code: string, names: { name: string; nameEn: string | null }): Promise<void> {
    await manager.getRepository(ClassificationEntity).update({ code }, { name: names.name, nameEn: names.nameEn });
  }

  /** Makes the code the ancestor's: inserted, or replacing what this node had under the code. */
  async upsertInherited(manager: EntityManager, c: ClassificationContent, origin: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ClassificationEntity)
      .values({ ...classificationContent(c), origin: 'inherited', inheritedFrom: origin, withdrawnAt: null })
      .orUpdate(['parent_code', 'level', 'name', 'name_en', 'origin', 'inherited_from', 'withdrawn_at'], ['code'])
      .updateEntity(false)
      .execute();
  }

  async withdraw(manager: EntityManager, code: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(ClassificationEntity)
      .set({ withdrawnAt: () => 'clock_timestamp()' })
      .where('code = :code AND withdrawn_at IS NULL', { code })
      .updateEntity(false)
      .execute();
  }
}

/** The standard's content of a stored code. */
export function classificationContent(c: ClassificationContent): ClassificationContent {
  return { code: c.code, parentCode: c.parentCode, level: c.level, name: c.name, nameEn: c.nameEn };
}
