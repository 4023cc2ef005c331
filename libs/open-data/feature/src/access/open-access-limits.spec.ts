import { clientAddress } from './open-access-limits.js';

describe('clientAddress', () => {
  const req = (xff: string | string[] | undefined, remote = '127.0.0.1') =>
    ({ headers: xff === undefined ? {} : { 'x-forwarded-for': xff }, socket: { remoteAddress: remote } }) as never;

  it('takes the address the gateway appended, not what the client claimed before it', () => {
    expect(clientAddress(req('1.2.3.4, 203.0.113.9'))).toBe('203.0.113.9');
    expect(clientAddress(req(['10.0.0.1', '198.51.100.7']))).toBe('198.51.100.7');
  });

  it('falls back to the connection’s address without the header', () => {
    expect(clientAddress(req(undefined, '::1'))).toBe('::1');
    expect(clientAddress(req(''))).toBe('127.0.0.1');
  });
});
