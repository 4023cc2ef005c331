import type { EntityManager } from 'typeorm';

/** A year's holiday notice as this node's catalog has it in force. */
export interface NodeCalendarYear {
  year: number;
  notice: string;
  holidays: string[];
  workdays: string[];
  origin: string;
  version: number;
}

interface Row {
  year: number;
  notice: string;
  holidays: string[];
  workdays: string[];
  origin: string;
  version: number;
}

function toYear(row: Row): NodeCalendarYear {
  return {
    year: row.year,
    notice: row.notice,
    holidays: row.holidays,
    workdays: row.workdays,
    origin: row.origin,
    version: row.version,
  };
}

/** `demand_calendar_year`: written only from the catalog's calendar-year standard events. */
export class DemandCalendarYearRepository {
  async list(manager: EntityManager): Promise<NodeCalendarYear[]> {
    const rows: Row[] = await manager.query(
      'SELECT year, notice, holidays, workdays, origin, version FROM demand_calendar_year ORDER BY year',
    );
    return rows.map(toYear);
  }

  /** Changes whenever a year is stored or removed: the cache key of the calendar in force. */
  async fingerprint(manager: EntityManager): Promise<string> {
    const rows: Array<{ f: string | null }> = await manager.query(
      `SELECT string_agg(year || ':' || origin || ':' || version, ',' ORDER BY year) AS f FROM demand_calendar_year`,
    );
    return rows[0]?.f ?? '';
  }

  /** Stores the year unless a higher version from the same origin is already kept. True when stored. */
  async upsert(manager: EntityManager, year: NodeCalendarYear): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO demand_calendar_year (year, notice, holidays, workdays, origin, version)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (year) DO UPDATE SET notice = excluded.notice, holidays = excluded.holidays,
         workdays = excluded.workdays, origin = excluded.origin, version = excluded.version, applied_at = now()
       WHERE demand_calendar_year.origin <> excluded.origin OR demand_calendar_year.version < excluded.version
       RETURNING year`,
      [year.year, year.notice, year.holidays, year.workdays, year.origin, year.version],
    );
    return rows.length > 0;
  }
}
