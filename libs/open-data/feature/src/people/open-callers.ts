import { Injectable } from '@nestjs/common';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { ApiKeyRepository } from './api-key.repository.js';
import { callerClassOf, type ApiKeyRecord, type CallerClass, type OpenAccount } from './open-account.js';
import { OpenAccountRepository } from './open-account.repository.js';
import { readOpenSessionCookie } from './open-session-cookie.js';
import { OpenSessionRepository } from './open-session.repository.js';
import { csrfHeaderRequired, OPEN_CSRF_HEADER_VALUE, PeopleRule, signInRequired } from './people.exception.js';
import { sha256 } from './secret-tokens.js';

/** Who calls the open-data service: nobody known, a signed-in person, or a program with an API key. */
export interface OpenCaller {
  class: CallerClass;
  account: OpenAccount | null;
  apiKey: ApiKeyRecord | null;
}

const ANONYMOUS: OpenCaller = { class: 'anonymous', account: null, apiKey: null };
const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const API_KEY_HEADER = 'x-api-key';

/**
 * 调用者 — the open-data service authenticates its own people (they are not staff: the gateway's
 * identity knows nothing of them): an `X-Api-Key` of an application, else the open portal's session
 * cookie, else anonymous. A key that is sent but unknown or revoked is refused (401), never
 * silently treated as anonymous.
 */
@Injectable()
export class OpenCallers {
  private readonly seen = new WeakMap<Request, Promise<OpenCaller>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: OpenAccountRepository,
    private readonly sessions: OpenSessionRepository,
    private readonly apiKeys: ApiKeyRepository,
  ) {}

  resolve(req: Request): Promise<OpenCaller> {
    let caller = this.seen.get(req);
    if (!caller) {
      caller = this.lookUp(req);
      this.seen.set(req, caller);
    }
    return caller;
  }

  /**
   * The signed-in person of a request authenticated by the session cookie; an unsafe method must
   * carry the anti-CSRF header (a page of another origin cannot add it without a preflight).
   */
  async signedIn(req: Request): Promise<{ account: OpenAccount; token: string }> {
    const token = readOpenSessionCookie(req.headers.cookie);
    const accountId = token ? await this.sessions.accountOf(this.dataSource.manager, sha256(token)) : null;
    const account = accountId ? await this.accounts.findById(this.dataSource.manager, accountId) : null;
    if (!token || !account) throw signInRequired();
    if (UNSAFE_METHODS.has(req.method) && req.headers['x-requested-with'] !== OPEN_CSRF_HEADER_VALUE) {
      throw csrfHeaderRequired(req.method);
    }
    return { account, token };
  }

  private async lookUp(req: Request): Promise<OpenCaller> {
    const header = req.headers[API_KEY_HEADER];
    const key = Array.isArray(header) ? header[0] : header;
    if (key !== undefined) {
      const apiKey = /^gdk_[A-Za-z0-9_-]{43}$/.test(key)
        ? await this.apiKeys.findLive(this.dataSource.manager, sha256(key))
        : null;
      const account = apiKey ? await this.accounts.findById(this.dataSource.manager, apiKey.accountId) : null;
      if (!apiKey || !account) {
        throw new GovdataError(
          ErrorCode.Unauthenticated,
          'API 密钥无效或已吊销 (the API key is unknown or revoked)',
          [],
          {
            reason: PeopleRule.ApiKeyInvalid,
          },
        );
      }
      return { class: callerClassOf(account), account, apiKey };
    }
    const token = readOpenSessionCookie(req.headers.cookie);
    if (!token) return ANONYMOUS;
    const accountId = await this.sessions.accountOf(this.dataSource.manager, sha256(token));
    const account = accountId ? await this.accounts.findById(this.dataSource.manager, accountId) : null;
    return account ? { class: callerClassOf(account), account, apiKey: null } : ANONYMOUS;
  }
}
