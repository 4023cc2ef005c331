import type { NodeConfig } from '@govdata/platform-config';
import { createLogger } from '@govdata/platform-logging';
import { dropTestNode, testNodeConfig } from '@govdata/platform-testing';
import { Writable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { provisionNodeDatabase } from './provision-node-database.js';
import { createServiceDataSource } from './service-data-source.js';

/**
 * A failed statement is logged with its SQL text and SQLSTATE, never with the values bound to it
 * (sealed credentials, user names) — neither by TypeORM nor when the error itself is logged, as
 * the services' error filter logs an unexpected error.
 */
describe('failed SQL in the logs', () => {
  const SEALED = 'v1.sealed-credential-3f9a7c';
  const USER_NAME = 'secret-user-zhang-san';
  const CLIENT_SECRET = 'client-secret-83bd91';
  let config: NodeConfig;
  let dataSource: DataSource;
  const lines: string[] = [];
  const console: string[] = [];

  beforeAll(async () => {
    config = await testNodeConfig();
    await provisionNodeDatabase(config, ['catalog']);
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ node: config.node.code, service: 'catalog', level: 'trace' }, stream);
    // TypeORM's own loggers print to the console: whatever reaches it counts as logged too.
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(globalThis.console, method).mockImplementation((...args: unknown[]) => {
        console.push(args.map(String).join(' '));
      });
    }
    dataSource = createServiceDataSource(config, 'catalog', {}, logger.child({ component: 'sql' }));
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE login (username text PRIMARY KEY, sealed text NOT NULL)');
    await dataSource.query('INSERT INTO login VALUES ($1, $2)', [USER_NAME, SEALED]);

    // One after another: started together on the pool they would fail (and be logged) in any order.
    const failures = [
      // 42P01: the statement is wrong; its parameters are secrets.
      () => dataSource.query('INSERT INTO no_such_table (username, sealed) VALUES ($1, $2)', [USER_NAME, SEALED]),
      // 23505: pg's detail says "Key (username)=(…) already exists".
      () => dataSource.query('INSERT INTO login VALUES ($1, $2)', [USER_NAME, SEALED]),
      // 22P02: the message itself quotes the offending value.
      () => dataSource.query('SELECT $1::integer AS n', [CLIENT_SECRET]),
    ];
    for (const failure of failures) {
      const error = await failure().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      // What ProblemDetailsFilter does with an unexpected error.
      logger.error({ err: error }, 'unhandled error');
    }
    await new Promise((resolve) => setImmediate(resolve));
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await dataSource?.destroy();
    if (config) await dropTestNode(config);
  });

  it('logs neither the parameters nor values quoted by PostgreSQL', () => {
    const everything = [...lines, ...console].join('\n');
    for (const secret of [SEALED, USER_NAME, CLIENT_SECRET]) expect(everything).not.toContain(secret);
  });

  it('logs each failure with its SQL text and SQLSTATE, so it can still be diagnosed', () => {
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const failed = logged.filter((l) => String(l['msg']).startsWith('query failed'));
    expect(failed.map((l) => l['code'])).toEqual(['42P01', '23505', '22P02']);
    expect(failed[0]!['sql']).toBe('INSERT INTO no_such_table (username, sealed) VALUES ($1, $2)');
    expect(failed[1]!['constraint']).toBe('login_pkey');
    const unhandled = logged
      .filter((l) => l['msg'] === 'unhandled error')
      .map((l) => l['err'] as Record<string, unknown>);
    expect(unhandled.map((e) => e['code'])).toEqual(['42P01', '23505', '22P02']);
    expect(unhandled[0]!['sql']).toBe('INSERT INTO no_such_table (username, sealed) VALUES ($1, $2)');
    expect(unhandled[2]!['message']).toBe('invalid input syntax for type integer: "[redacted]"');
  });
});
