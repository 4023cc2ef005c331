import { Inject, Injectable } from '@nestjs/common';
import type { GovdataClaims, Role } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { isUuid } from '@govdata/codes';
import { DataSource } from 'typeorm';
import { hashSecret, needsRehash, verifyAgainstDecoy, verifySecret } from '../passwords/password-hasher.js';
import { OrganisationRepository } from '../organisations/organisation.repository.js';
import { ServiceAccountRepository } from '../service-accounts/service-account.repository.js';
import { Sessions } from '../sessions/sessions.js';
import { NodeSigningKey } from '../signing/node-signing-key.js';
import { UserRepository, type LoginCandidate } from '../users/user.repository.js';
import type { TokenResponse } from './token.dto.js';
import { LoginThrottle } from './login-throttle.js';

const authorityOrganisations = new OrganisationRepository();

/** A person signed in: the `sub` of their tokens (the account id) and the token issued. */
export interface SignedIn {
  subject: string;
  token: TokenResponse;
}

/** Prefix of the `sub` of tokens issued to service accounts. */
export const SERVICE_SUBJECT_PREFIX = 'service:';

/** 令牌签发 — checks credentials and issues access tokens signed with the node's key. */
@Injectable()
export class TokenService {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly signingKey: NodeSigningKey,
    private readonly throttle: LoginThrottle,
    private readonly users: UserRepository,
    private readonly serviceAccounts: ServiceAccountRepository,
    private readonly sessions: Sessions,
  ) {}

  /** `grant_type=password`: a person signs in with username and password. */
  async passwordGrant(username: string, password: string, address: string): Promise<TokenResponse> {
    return (await this.signIn(username, password, address)).token;
  }

  /**
   * 登录 — the checks and throttling of the password grant, for it and for the gateway's sign-in
   * page (which keeps the token in a browser session): the token and whose it is.
   */
  async signIn(username: string, password: string, address: string): Promise<SignedIn> {
    const account = `user:${username}`;
    await this.throttle.admit(account, address);
    const manager = this.dataSource.manager;
    const user = await this.users.findForLogin(manager, this.config.node.code, username);
    const matches = user ? await verifySecret(password, user.passwordHash) : await verifyAgainstDecoy(password);
    // A deactivated account fails like a wrong password: the answer must not tell which accounts exist.
    if (!user || !matches || !user.active) {
      await this.throttle.failed(account, address);
      throw invalidCredentials('the username or password is wrong (用户名或密码错误)');
    }
    await this.throttle.succeeded(account, address);
    await this.users.recordLogin(
      manager,
      user.id,
      needsRehash(user.passwordHash) ? await hashSecret(password) : undefined,
    );
    return { subject: user.id, token: await this.issueForUser(user) };
  }

  /**
   * A new token for a browser session's account, with its roles as they are now; undefined once the
   * account (or its organisation) is deactivated or gone, which ends the session.
   */
  async renewForUser(userId: string): Promise<TokenResponse | undefined> {
    if (!isUuid(userId)) return undefined;
    const user = await this.users.findForRenewal(this.dataSource.manager, this.config.node.code, userId);
    return user?.active ? this.issueForUser(user) : undefined;
  }

  /** `grant_type=client_credentials`: a service account authenticates with its client id and secret. */
  async clientCredentialsGrant(clientId: string, clientSecret: string, address: string): Promise<TokenResponse> {
    const account = `client:${clientId}`;
    await this.throttle.admit(account, address);
    const found = await this.serviceAccounts.credentialsFor(this.dataSource.manager, this.config.node.code, clientId);
    const matches = found ? await verifySecret(clientSecret, found.secretHash) : await verifyAgainstDecoy(clientSecret);
    if (!found || !matches || !found.usable) {
      await this.throttle.failed(account, address);
      throw invalidCredentials(
        '客户端 ID 或客户端密钥错误 (the client id or client secret is wrong)',
        'invalid_client',
      );
    }
    await this.throttle.succeeded(account, address);
    return this.issue(`${SERVICE_SUBJECT_PREFIX}${found.clientId}`, {
      kind: 'service',
      org: found.organisationId,
      node: this.config.node.code,
      roles: found.roles,
      name: found.name,
    });
  }

  private async issueForUser(user: LoginCandidate): Promise<TokenResponse> {
    const roles: Role[] = (await this.users.grantsOf(this.dataSource.manager, user.id))
      .filter((g) => g.organisationId === user.organisationId)
      .map((g) => g.role);
    return this.issue(user.id, {
      kind: 'user',
      org: user.organisationId,
      node: this.config.node.code,
      roles,
      name: user.displayName,
    });
  }

  private async issue(subject: string, claims: GovdataClaims): Promise<TokenResponse> {
    // 分域: node-level roles count only in an authority organisation; the token says so, from the record.
    const organisation = await authorityOrganisations.findById(
      this.dataSource.manager,
      this.config.node.code,
      claims.org,
    );
    claims = { ...claims, authority: organisation?.authority === true };
    const ttl = this.config.identity.accessTokenTtlSeconds;
    const now = Date.now();
    const issuedAt = await this.sessions.issuedAtFor(subject, now);
    const token = await this.signingKey.sign({
      issuer: this.config.identity.issuer,
      subject,
      claims,
      issuedAt: new Date(issuedAt * 1000),
      expiresAt: new Date(now + ttl * 1000),
    });
    return { access_token: token, token_type: 'Bearer', expires_in: ttl };
  }
}

/** 401 in problem+json, with the RFC 6749 `error` code alongside. */
function invalidCredentials(
  message: string,
  error: 'invalid_grant' | 'invalid_client' = 'invalid_grant',
): GovdataError {
  return new GovdataError(ErrorCode.Unauthenticated, message, [], { error });
}
