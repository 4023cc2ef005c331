import { toBrowserSession } from './browser-session.store.js';

describe('a stored browser session', () => {
  const session = { subject: 'u-1', token: 'a.b.c', tokenExpiresAt: 2, createdAt: 1, lastSeenAt: 1 };

  it('reads back what was written', () => {
    expect(toBrowserSession(JSON.stringify(session))).toEqual(session);
  });

  it.each([
    ['not JSON', '{'],
    ['another shape', JSON.stringify({ ...session, token: undefined })],
    ['an unknown field', JSON.stringify({ ...session, roles: ['node-admin'] })],
    ['a time that is not a whole number', JSON.stringify({ ...session, createdAt: '1' })],
  ])('is no session when it holds %s (which ends it)', (_, stored) => {
    expect(toBrowserSession(stored)).toBeUndefined();
  });
});
