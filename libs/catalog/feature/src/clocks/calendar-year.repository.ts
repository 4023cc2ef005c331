import type { IsoDate } from '@govdata/calendar';
import type { EntityManager } from 'typeorm';

/** A year's holiday notice loaded by a data-admin. */
export interface LoadedCalendarYear {
  year: number;
  /** Title and number of the 国务院办公厅 notice, e.g. 国办发明电〔2026〕7号. */
  notice: string;
  holidays: IsoDate[];
  workdays: IsoDate[];
  loadedBy: string;
  loadedAt: Date;
  /** Issued by this ancestor node (read-only here); null when loaded on this node. */
  inheritedFrom: string | null;
}

/** A `calendar_year` row as the queries below select it (dates as `YYYY-MM-DD`, in order). */
export interface CalendarYearRaw {
  year: number;
  notice: string;
  holidays: string[];
  workdays: string[];
  loaded_by: string;
  loaded_at: Date;
  inherited_from: string | null;
}

export function toLoadedCalendarYear(raw: CalendarYearRaw): LoadedCalendarYear {
  return {
    year: raw.year,
    notice: raw.notice,
    holidays: raw.holidays,
    workdays: raw.workdays,
    loadedBy: raw.loaded_by,
    loadedAt: raw.loaded_at,
    inheritedFrom: raw.inherited_from ?? null,
  };
}

/** Holiday notices for years the shipped calendar data does not cover. */
export class CalendarYearRepository {
  async list(manager: EntityManager): Promise<LoadedCalendarYear[]> {
    const rows: CalendarYearRaw[] = await manager.query(
      `SELECT year, notice, loaded_by, loaded_at, inherited_from,
              ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(holidays) d ORDER BY d) AS holidays,
              ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(workdays) d ORDER BY d) AS workdays
       FROM calendar_year ORDER BY year`,
    );
    return rows.map(toLoadedCalendarYear);
  }

  async find(manager: EntityManager, year: number): Promise<LoadedCalendarYear | null> {
    return (await this.list(manager)).find((y) => y.year === year) ?? null;
  }

  /** Changes whenever a year is loaded or replaced: tells a cached calendar it is stale. */
  async fingerprint(manager: EntityManager): Promise<string> {
    const rows: Array<{ n: number; last: string }> = await manager.query(
      `SELECT count(*)::int AS n, coalesce(max(loaded_at)::text, '') AS last FROM calendar_year`,
    );
    return `${rows[0]!.n}@${rows[0]!.last}`;
  }

  async save(
    manager: EntityManager,
    year: {
      year: number;
      notice: string;
      holidays: IsoDate[];
      workdays: IsoDate[];
      loadedBy: string;
      inheritedFrom?: string | null;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO calendar_year (year, notice, holidays, workdays, loaded_by, inherited_from)
       VALUES ($1, $2, $3::date[], $4::date[], $5, $6)
       ON CONFLICT (year) DO UPDATE SET notice = EXCLUDED.notice, holidays = EXCLUDED.holidays,
         workdays = EXCLUDED.workdays, loaded_by = EXCLUDED.loaded_by, loaded_at = clock_timestamp(),
         inherited_from = EXCLUDED.inherited_from`,
      [year.year, year.notice, year.holidays, year.workdays, year.loadedBy, year.inheritedFrom ?? null],
    );
  }

  /** The ancestor withdrew the year: the notice stays (clocks were dated on it) and becomes this node's. */
  async release(manager: EntityManager, year: number, origin: string): Promise<void> {
    await manager.query('UPDATE calendar_year SET inherited_from = NULL WHERE year = $1 AND inherited_from = $2', [
      year,
      origin,
    ]);
  }
}
