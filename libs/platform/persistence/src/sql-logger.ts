import { describeDatabaseError, isDatabaseError } from '@govdata/platform-logging';
import type { Logger as PinoLogger } from 'pino';
import type { Logger as TypeormLogger } from 'typeorm';

/**
 * TypeORM's log, as JSON lines of the service's logger. A failed or slow statement is logged with
 * its SQL text and SQLSTATE, never with the values bound to it: those are sealed credentials, user
 * names, personal records. (TypeORM's own console loggers print them as "PARAMETERS: […]".)
 */
export class SqlLogger implements TypeormLogger {
  constructor(private readonly logger: PinoLogger) {}

  logQuery(): void {
    // Successful statements are not logged (metrics count requests; statements would flood the log).
  }

  logQueryError(error: string | Error, query: string): void {
    if (isDatabaseError(error)) {
      const { type: _type, stack: _stack, sql: _sql, message, ...fields } = describeDatabaseError(error);
      this.logger.warn({ sql: query, ...fields }, `query failed: ${message}`);
    } else {
      // Not from PostgreSQL (e.g. a driver or connection error): its message names no row values.
      this.logger.warn({ sql: query }, `query failed: ${error instanceof Error ? error.message : error}`);
    }
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ sql: query, durationMs: time }, 'slow query');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.info(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    if (level === 'warn') this.logger.warn(text);
    else this.logger.debug(text);
  }
}
