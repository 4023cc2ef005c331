import { classifyProbeError } from './postgres-table-probe.js';

describe('probe failures', () => {
  it.each([
    [{ code: '28P01', message: 'password authentication failed for user "reader"' }, 'authentication'],
    [{ code: '28000', message: 'role "nobody" does not exist' }, 'authentication'],
    [{ code: '3D000', message: 'database "nope" does not exist' }, 'database-missing'],
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' }, 'unreachable'],
    [{ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND db.example' }, 'unreachable'],
    [{ message: 'Connection terminated due to connection timeout' }, 'unreachable'],
    [{ code: 'ETIMEDOUT', message: 'connect ETIMEDOUT 10.255.255.1:5432' }, 'unreachable'],
    [{ code: 'EHOSTUNREACH', message: 'connect EHOSTUNREACH 10.255.255.1:5432' }, 'unreachable'],
    [{ message: 'Connection terminated unexpectedly' }, 'unreachable'],
    [{ message: 'The server does not support SSL connections' }, 'ssl'],
    [{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }, 'ssl'],
    [{ code: '53300', message: 'sorry, too many clients already' }, 'busy'],
    [{ code: 'XX000', message: 'something odd' }, 'failed'],
  ])('%o is %s', (error, failure) => {
    expect(classifyProbeError(error).failure).toBe(failure);
  });

  it('says the same for a closed, a filtered and an unresolvable target (no port scanning)', () => {
    const messages = [
      { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' },
      { message: 'Connection terminated due to connection timeout' },
      { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND db.example' },
      { message: 'Connection terminated unexpectedly' },
    ].map((error) => classifyProbeError(error).message);
    expect(new Set(messages).size).toBe(1);
  });

  it('says what failed without repeating the server message (which may echo input)', () => {
    const error = classifyProbeError({ code: '28P01', message: 'password authentication failed for user "reader"' });
    expect(error.message).toBe('the server refused the user name or password (28P01)');
  });
});
