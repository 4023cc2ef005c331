import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { isUniqueViolation } from '@govdata/platform-persistence';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { isNodeAdmin } from '../access/identity-access.js';
import { authoriseNewMember, nodeScope } from '../access/member-target.js';
import { decodeCursor, type Page } from '../paging/cursor.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { hashSecret, verifySecret } from '../passwords/password-hasher.js';
import { passwordPolicyProblems } from '../passwords/password-policy.js';
import type { ChangePasswordInput, CreateUserInput, ListUsersQuery } from './user.dto.js';
import { UserRepository, type UserAccount } from './user.repository.js';

/** Roles that may read the accounts of their own organisation. */
const ORGANISATION_READERS = ['data-admin', 'auditor'] as const;

/** 用戶管理 — people's accounts, created with their roles (分域分級). */
@Injectable()
export class UserService {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly throttle: LoginThrottle,
  ) {}

  async create(principal: Principal, input: CreateUserInput): Promise<UserAccount> {
    const nodeCode = this.config.node.code;
    return this.dataSource.transaction(async (manager) => {
      await authoriseNewMember(manager, nodeCode, principal, input.organisationId, input.roles);
      const problems = passwordPolicyProblems(input.password, input.username);
      if (problems.length > 0) throw GovdataError.validation(problems);
      if (await this.users.usernameTaken(manager, input.username)) throw usernameConflict(input.username);
      const passwordHash = await hashSecret(input.password);
      let id: string;
      try {
        id = await this.users.insert(
          manager,
          {
            organisationId: input.organisationId,
            username: input.username,
            displayName: input.displayName,
            passwordHash,
          },
          input.roles,
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw usernameConflict(input.username);
        throw error;
      }
      return (await this.users.findById(manager, nodeCode, id))!;
    });
  }

  /**
   * A person changes their own password, proving the current one. Wrong guesses count towards the
   * same lock as failed sign-ins, so a stolen token does not allow unthrottled password guessing.
   */
  async changePassword(principal: Principal, input: ChangePasswordInput, address: string): Promise<void> {
    const nodeCode = this.config.node.code;
    const user =
      principal.kind === 'user' && principal.nodeCode === nodeCode
        ? await this.users.findById(this.dataSource.manager, nodeCode, principal.subject)
        : undefined;
    if (!user) throw GovdataError.forbidden('only people with an account on this node have a password to change');
    const account = `user:${user.username}`;
    await this.throttle.admit(account, address);
    const candidate = await this.users.findForLogin(this.dataSource.manager, nodeCode, user.username);
    if (!candidate || !(await verifySecret(input.currentPassword, candidate.passwordHash))) {
      await this.throttle.failed(address);
      throw GovdataError.rule('currentPassword', 'current-password', 'is not the current password');
    }
    await this.throttle.succeeded(account);
    const problems = passwordPolicyProblems(input.newPassword, user.username, 'newPassword');
    if (input.newPassword === input.currentPassword)
      problems.push({
        path: 'newPassword',
        rule: 'password-unchanged',
        message: 'must differ from the current password',
      });
    if (problems.length > 0) throw GovdataError.validation(problems);
    await this.users.setPassword(this.dataSource.manager, user.id, await hashSecret(input.newPassword));
  }

  /**
   * A node-admin sees every account of the node (or of one organisation); a data-admin or auditor
   * sees those of their own organisation; anyone else is refused.
   */
  async list(principal: Principal, query: ListUsersQuery): Promise<Page<UserAccount>> {
    const nodeCode = this.config.node.code;
    const manager = this.dataSource.manager;
    const scope = await nodeScope(manager, nodeCode);
    let organisationId = query.organisationId;
    if (!isNodeAdmin(principal, scope)) {
      const reader = principal.nodeCode === nodeCode && ORGANISATION_READERS.some((r) => principal.roles.includes(r));
      if (!reader)
        throw GovdataError.forbidden('listing accounts needs node-admin, or data-admin or auditor of the organisation');
      organisationId ??= principal.organisationId;
      if (organisationId !== principal.organisationId) {
        throw GovdataError.forbidden(
          'a data-admin or auditor sees the accounts of their own organisation only (分域管理)',
        );
      }
    }
    return this.users.page(
      manager,
      nodeCode,
      organisationId,
      query.limit,
      query.cursor ? decodeCursor(query.cursor) : undefined,
    );
  }
}

function usernameConflict(username: string): GovdataError {
  return GovdataError.conflict(`the username ${username} is taken`, [
    { path: 'username', rule: 'unique', message: 'another account has this username' },
  ]);
}
