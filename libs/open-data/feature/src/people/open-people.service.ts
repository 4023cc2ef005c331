import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  hashSecret,
  needsRehash,
  passwordPolicyProblems,
  verifyAgainstDecoy,
  verifySecret,
} from '@govdata/platform-crypto';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { RedisRateLimiter } from '@govdata/platform-redis';
import { LOGGER } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { Channel, OpenAccount } from './open-account.js';
import { maskIdentifier } from './open-account.js';
import { OpenAccountRepository } from './open-account.repository.js';
import { OpenSessionRepository } from './open-session.repository.js';
import { badField, PeopleRule } from './people.exception.js';
import { codeHash, randomToken, sha256, verificationCode } from './secret-tokens.js';
import { VerificationCodeSender } from './verification-code.sender.js';

/** How long a verification code is good for, and how many tries it takes. */
export const CODE_VALID_SECONDS = 600;
export const CODE_MAX_ATTEMPTS = 5;
/** Codes sent to one recipient: at most 5 an hour (a resend is a send). */
export const CODE_SENDS = { limit: 5, windowSeconds: 3_600 } as const;
/** Sign-in attempts per phone/e-mail: 10 per 15 minutes. */
export const SIGN_IN_ATTEMPTS = { limit: 10, windowSeconds: 900 } as const;
/**
 * Registrations and sign-ins per address (each costs one scrypt hash, ~0.4 s and 128 MiB, on the
 * internet's port): 30 per 15 minutes.
 */
export const HASHING_PER_ADDRESS = { limit: 30, windowSeconds: 900 } as const;
/** An open-portal session lasts 12 hours at most. */
export const SESSION_SECONDS = 12 * 3_600;

const PHONE = /^1[3-9]\d{9}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

/** A phone number or e-mail address as typed: its channel and the form it is stored in. */
export function parseIdentifier(raw: string): { channel: Channel; identifier: string } {
  const value = raw.trim();
  if (PHONE.test(value)) return { channel: 'phone', identifier: value };
  if (value.length <= 254 && EMAIL.test(value)) return { channel: 'email', identifier: value.toLowerCase() };
  throw badField(
    'identifier',
    PeopleRule.Identifier,
    '请输入 11 位手机号码或电子邮箱地址 (a mainland mobile number, 1[3-9] and 9 digits, or an e-mail address)',
  );
}

/**
 * 注册与登录 — the open portal's people: register with a phone number or e-mail and a password
 * (the gateway's password policy and hashing, shared through `@govdata/platform-crypto`), prove the
 * address with a 6-digit code, sign in to a session of the open portal.
 */
@Injectable()
export class OpenPeopleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: OpenAccountRepository,
    private readonly sessions: OpenSessionRepository,
    private readonly limiter: RedisRateLimiter,
    private readonly sender: VerificationCodeSender,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Registers (or, not yet verified, registers again) and sends a code. */
  async register(
    rawIdentifier: string,
    password: string,
    address: string,
  ): Promise<{ identifier: string; codeValidSeconds: number }> {
    const { channel, identifier } = parseIdentifier(rawIdentifier);
    const problems = passwordPolicyProblems(password, identifier);
    if (problems.length > 0) throw GovdataError.validation(problems);
    await this.admitHashing(address);
    const account = await this.accounts.upsertUnverified(this.dataSource.manager, {
      id: randomUUID(),
      channel,
      identifier,
      passwordHash: await hashSecret(password),
    });
    if (!account) {
      throw GovdataError.conflict('该手机号码或电子邮箱已注册，请直接登录 (already registered: sign in)', [
        { path: 'identifier', rule: PeopleRule.Taken, message: '已注册 (already registered)' },
      ]);
    }
    await this.sendCode(account);
    return { identifier: maskIdentifier(identifier), codeValidSeconds: CODE_VALID_SECONDS };
  }

  /** Sends a new code to an account not yet verified (the same answer whether or not it exists). */
  async resend(rawIdentifier: string): Promise<{ identifier: string; codeValidSeconds: number }> {
    const { identifier } = parseIdentifier(rawIdentifier);
    const account = await this.accounts.findByIdentifier(this.dataSource.manager, identifier);
    if (account && !account.verifiedAt) await this.sendCode(account);
    return { identifier: maskIdentifier(identifier), codeValidSeconds: CODE_VALID_SECONDS };
  }

  /** Checks the code: 5 tries within 10 minutes, then a new code is needed. */
  async verify(rawIdentifier: string, code: string): Promise<void> {
    const { identifier } = parseIdentifier(rawIdentifier);
    const manager = this.dataSource.manager;
    const account = await this.accounts.findByIdentifier(manager, identifier);
    if (account?.verifiedAt) return;
    const stored = account ? await this.accounts.attemptCode(manager, account.id) : null;
    if (!account || !stored || stored.expiresAt.getTime() <= Date.now() || stored.attempts >= CODE_MAX_ATTEMPTS) {
      throw badField(
        'code',
        PeopleRule.CodeExpired,
        '验证码已失效（过期或尝试次数过多），请重新获取 (the code has expired or was tried too often: ask for a new one)',
      );
    }
    if (codeHash(account.id, code) !== stored.codeHash) {
      const left = CODE_MAX_ATTEMPTS - stored.attempts - 1;
      throw badField(
        'code',
        PeopleRule.CodeWrong,
        `验证码不正确，还可尝试 ${left} 次 (wrong code; ${left} tries left)`,
      );
    }
    await this.accounts.markVerified(manager, account.id);
    this.logger.info({ account: account.id, channel: account.channel }, 'open portal account verified');
  }

  /** Signs in a verified account: a new session token (only its hash is kept). */
  async signIn(
    rawIdentifier: string,
    password: string,
    address: string,
  ): Promise<{ token: string; account: OpenAccount }> {
    const { identifier } = parseIdentifier(rawIdentifier);
    const throttle = await this.limiter.hit(
      `open-data:sign-in:${sha256(identifier)}`,
      SIGN_IN_ATTEMPTS.limit,
      SIGN_IN_ATTEMPTS.windowSeconds,
    );
    if (!throttle.allowed) throw tooMany('登录尝试过于频繁', 'too many sign-in attempts', throttle.retryAfterSeconds);
    await this.admitHashing(address);
    const manager = this.dataSource.manager;
    const account = await this.accounts.findByIdentifier(manager, identifier);
    const matches = account ? await verifySecret(password, account.passwordHash) : await verifyAgainstDecoy(password);
    if (!account || !matches || !account.verifiedAt) {
      throw new GovdataError(
        ErrorCode.Unauthenticated,
        '账号或密码不正确，或账号尚未验证 (wrong phone/e-mail or password, or the account is not verified yet)',
        [],
        { reason: PeopleRule.BadCredentials },
      );
    }
    if (needsRehash(account.passwordHash)) {
      await this.accounts.setPasswordHash(manager, account.id, await hashSecret(password));
    }
    const token = randomToken();
    await this.sessions.create(manager, sha256(token), account.id, SESSION_SECONDS);
    return { token, account };
  }

  async signOut(token: string): Promise<void> {
    await this.sessions.end(this.dataSource.manager, sha256(token));
  }

  private async admitHashing(address: string): Promise<void> {
    const decision = await this.limiter.hit(
      `open-data:password-hashing:${address}`,
      HASHING_PER_ADDRESS.limit,
      HASHING_PER_ADDRESS.windowSeconds,
    );
    if (!decision.allowed) {
      throw tooMany(
        '注册或登录过于频繁',
        'too many registrations or sign-ins from this address',
        decision.retryAfterSeconds,
      );
    }
  }

  private async sendCode(account: OpenAccount): Promise<void> {
    const sends = await this.limiter.hit(
      `open-data:verification-send:${sha256(account.identifier)}`,
      CODE_SENDS.limit,
      CODE_SENDS.windowSeconds,
    );
    if (!sends.allowed) {
      throw tooMany('验证码发送过于频繁', 'too many codes sent to this recipient', sends.retryAfterSeconds);
    }
    const code = verificationCode();
    await this.accounts.storeCode(this.dataSource.manager, account.id, codeHash(account.id, code), CODE_VALID_SECONDS);
    await this.sender.send(account.channel, account.identifier, code);
  }
}

function tooMany(zh: string, en: string, retryAfterSeconds: number): GovdataError {
  const retry = Math.max(1, retryAfterSeconds);
  return new GovdataError(ErrorCode.TooManyRequests, `${zh}，请 ${retry} 秒后再试 (${en})`, [], {
    retryAfterSeconds: retry,
  });
}
