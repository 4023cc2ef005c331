import { stdSerializers } from 'pino';

/** What a PostgreSQL error (pg's DatabaseError, or TypeORM's QueryFailedError around it) may log. */
export interface LoggedDatabaseError {
  type: string;
  message: string;
  stack?: string;
  /** SQLSTATE, e.g. 23505. */
  code: string;
  /** The statement text with its `$n` placeholders — never the values bound to them. */
  sql?: string;
  constraint?: string;
  table?: string;
  column?: string;
  schema?: string;
}

/**
 * A database error as it may appear in a log line. Dropped: the bound parameters (sealed
 * credentials, user names), pg's `detail` ("Key (username)=(alice) already exists",
 * "Failing row contains (…)"), `where` and `internalQuery`. Kept: the SQL text, SQLSTATE and
 * the names of the constraint, table and column. Data exceptions (SQLSTATE class 22) quote the
 * offending value in their message (`invalid input syntax for type integer: "…"`): it is replaced.
 */
export function describeDatabaseError(error: Error & Record<string, unknown>): LoggedDatabaseError {
  const code = String(error['code']);
  const redact = (text: string) => (code.startsWith('22') ? text.replace(/"[^"]*"/g, '"[redacted]"') : text);
  const named = (key: string) => (typeof error[key] === 'string' ? (error[key] as string) : undefined);
  const described: LoggedDatabaseError = {
    type: error.constructor?.name ?? 'Error',
    message: redact(error.message),
    code,
  };
  if (error.stack) described.stack = redact(error.stack);
  const sql = named('query');
  if (sql) described.sql = sql;
  for (const key of ['constraint', 'table', 'column', 'schema'] as const) {
    const value = named(key);
    if (value) described[key] = value;
  }
  return described;
}

/** pg's DatabaseError, or TypeORM's QueryFailedError (which copies the driver error's fields). */
export function isDatabaseError(error: unknown): error is Error & Record<string, unknown> {
  if (!(error instanceof Error)) return false;
  const fields = error as unknown as Record<string, unknown>;
  return (
    typeof fields['code'] === 'string' &&
    /^[0-9A-Z]{5}$/.test(fields['code']) &&
    ('driverError' in fields || 'severity' in fields || 'parameters' in fields)
  );
}

/** pino's `err` serializer, except that database errors (here or as a `cause`) are described safely. */
export function safeErrorSerializer(error: unknown): unknown {
  if (isDatabaseError(error)) return describeDatabaseError(error);
  if (!(error instanceof Error)) return error;
  const serialized = stdSerializers.err(error) as unknown as Record<string, unknown>;
  if (error.cause !== undefined) {
    // pino folds the causes' messages and stacks into the outer ones; keep the outer ones alone.
    serialized['message'] = error.message;
    serialized['stack'] = error.stack;
    serialized['cause'] = safeErrorSerializer(error.cause);
  }
  return serialized;
}
