import { Writable } from 'node:stream';
import { createLogger, NestJsonLogger } from './json-logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, stream };
}

describe('JSON logs', () => {
  it('carries node code and service on every line, with Nest context', async () => {
    const { lines, stream } = capture();
    const logger = new NestJsonLogger(createLogger({ node: '360000', service: 'catalog' }, stream));
    logger.log('started', 'NestApplication');
    logger.error('boom', 'Error: boom\n    at x', 'ExceptionsHandler');
    await new Promise((r) => setImmediate(r));
    expect(lines[0]).toMatchObject({
      level: 'info',
      node: '360000',
      service: 'catalog',
      msg: 'started',
      context: 'NestApplication',
    });
    expect(lines[1]).toMatchObject({ level: 'error', msg: 'boom', context: 'ExceptionsHandler' });
    expect(String(lines[1]!['stack'])).toContain('at x');
  });

  it('redacts passwords', async () => {
    const { lines, stream } = capture();
    createLogger({ node: '100000', service: 'gateway' }, stream).info({ user: 'a', password: 'p@ss' }, 'login');
    await new Promise((r) => setImmediate(r));
    expect(lines[0]!['password']).toBe('[redacted]');
  });

  it('redacts headers, tokens, client secrets and sealed credentials, one or two levels down', async () => {
    const { lines, stream } = capture();
    const V = 'S3CR3T-VALUE';
    createLogger({ node: '100000', service: 'gateway' }, stream).info(
      {
        req: { headers: { authorization: `Bearer ${V}`, cookie: `sid=${V}`, 'set-cookie': `sid=${V}` } },
        body: { client_secret: V, refresh_token: V, newPassword: V },
        source: { passwordCipher: V, sealed: V },
        query: { parameters: [V] },
        token: V,
        username: 'kept',
      },
      'request',
    );
    await new Promise((r) => setImmediate(r));
    expect(JSON.stringify(lines[0])).not.toContain(V);
    expect(lines[0]!['username']).toBe('kept');
  });

  it('logs a database error with its SQL and SQLSTATE but without its parameters or detail', async () => {
    const { lines, stream } = capture();
    const error = Object.assign(new Error('duplicate key value violates unique constraint "user_pkey"'), {
      code: '23505',
      query: 'INSERT INTO user_account VALUES ($1)',
      parameters: ['zhang-san'],
      detail: 'Key (username)=(zhang-san) already exists.',
      constraint: 'user_pkey',
    });
    createLogger({ node: '100000', service: 'gateway' }, stream).error({ err: new Error('wrapped', { cause: error }) });
    await new Promise((r) => setImmediate(r));
    expect(JSON.stringify(lines[0])).not.toContain('zhang-san');
    expect(lines[0]!['err']).toMatchObject({
      message: 'wrapped',
      cause: { code: '23505', sql: 'INSERT INTO user_account VALUES ($1)', constraint: 'user_pkey' },
    });
  });
});
