import type { NodeConfig } from '@govdata/platform-config';
import type { Request } from 'express';
import {
  clearedSessionCookie,
  cookieSecure,
  readSessionCookie,
  sessionCookie,
  withoutSessionCookie,
} from './session-cookie.js';

const ID = 'A'.repeat(21) + '_-' + 'z'.repeat(20);

describe('the session cookie', () => {
  it('reads a well-formed id among other cookies, and nothing else', () => {
    expect(readSessionCookie(`theme=dark; govdata_session=${ID}; x=1`)).toBe(ID);
    expect(readSessionCookie(`govdata_session=${ID}`)).toBe(ID);
    expect(readSessionCookie('govdata_session=short')).toBeUndefined();
    expect(readSessionCookie(`govdata_session=${ID}x`)).toBeUndefined();
    expect(readSessionCookie(`other_govdata_session=${ID}`)).toBeUndefined();
    expect(readSessionCookie(undefined)).toBeUndefined();
  });

  it('is removed from what goes upstream, other cookies kept', () => {
    expect(withoutSessionCookie(`theme=dark; govdata_session=${ID}; x=1`)).toBe('theme=dark; x=1');
    expect(withoutSessionCookie(`govdata_session=${ID}`)).toBeUndefined();
  });

  it('is HttpOnly, SameSite=Strict on the whole origin, Secure over TLS', () => {
    expect(sessionCookie(ID, false)).toBe(`govdata_session=${ID}; Path=/; HttpOnly; SameSite=Strict`);
    expect(sessionCookie(ID, true)).toMatch(/; Secure$/);
    expect(clearedSessionCookie(false)).toBe('govdata_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict');
  });

  it('is Secure when the request came over TLS, or the node is reached over https at its ingress', () => {
    const node = (issuer: string) => ({ identity: { issuer } }) as NodeConfig;
    const request = (secure: boolean) => ({ secure }) as Request;
    expect(cookieSecure(request(false), node('http://127.0.0.1:8081'))).toBe(false);
    expect(cookieSecure(request(true), node('http://127.0.0.1:8081'))).toBe(true);
    expect(cookieSecure(request(false), node('https://data.jiangxi.example.gov.cn'))).toBe(true);
  });
});
