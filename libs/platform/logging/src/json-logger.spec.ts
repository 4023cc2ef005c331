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
});
