import { Inject, Injectable } from '@nestjs/common';
import { can, scopeOf, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { isUniqueViolation } from '@govdata/platform-persistence';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { isNodeAdmin } from '../access/identity-access.js';
import { authoriseMemberChange, authoriseNewMember, nodeScope } from '../access/member-target.js';
import { decodeCursor, type Page } from '../paging/cursor.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { hashSecret, verifySecret } from '../passwords/password-hasher.js';
import { passwordPolicyProblems } from '../passwords/password-policy.js';
import { Sessions } from '../sessions/sessions.js';
import type { Role } from '@govdata/platform-auth';
import { isUuid } from '@govdata/codes';
import type { EntityManager } from 'typeorm';
import type { ChangePasswordInput, CreateUserInput, ListUsersQuery } from './user.dto.js';
import { UserRepository, type UserAccount } from './user.repository.js';
import { UserFieldRule, UserRule } from './user.exception.js';

/** 用户管理 — people's accounts, created with their roles (分域分级). */
@Injectable()
export class UserService {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly throttle: LoginThrottle,
    private readonly sessions: Sessions,
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
    if (!user)
      throw GovdataError.forbidden(
        '只有在本节点拥有账号的人员才有可修改的密码 (only people with an account on this node have a password to change)',
      );
    const account = `user:${user.username}`;
    await this.throttle.admit(account, address);
    const candidate = await this.users.findForLogin(this.dataSource.manager, nodeCode, user.username);
    if (!candidate || !(await verifySecret(input.currentPassword, candidate.passwordHash))) {
      await this.throttle.failed(account, address);
      throw GovdataError.rule(
        'currentPassword',
        UserRule.CurrentPassword,
        '不是当前密码 (is not the current password)',
      );
    }
    await this.throttle.succeeded(account, address);
    const problems = passwordPolicyProblems(input.newPassword, user.username, 'newPassword');
    if (input.newPassword === input.currentPassword)
      problems.push({
        path: 'newPassword',
        rule: UserFieldRule.PasswordUnchanged,
        message: '须与当前密码不同 (must differ from the current password)',
      });
    if (problems.length > 0) throw GovdataError.validation(problems);
    const passwordHash = await hashSecret(input.newPassword);
    // Every token issued with the old password stops working, the caller's own included.
    await this.dataSource.transaction(async (manager) => {
      await this.users.setPassword(manager, user.id, passwordHash);
      await this.sessions.endAll(manager, user.id, 'password-changed');
    });
  }

  /** 强制下线 — ends every session of the user (all tokens issued so far), at every service. */
  async revokeSessions(principal: Principal, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.authorisedTarget(manager, principal, id);
      await this.sessions.endAll(manager, id, 'sign-out-everywhere');
    });
  }

  /**
   * 停用 / 启用 — a deactivated user cannot sign in and their tokens are refused at once; the node's
   * last active node-admin cannot be deactivated.
   */
  async setActive(principal: Principal, id: string, active: boolean): Promise<UserAccount> {
    const nodeCode = this.config.node.code;
    return this.dataSource.transaction(async (manager) => {
      const user = await this.authorisedTarget(manager, principal, id);
      if (!active && user.active && user.roles.includes('node-admin')) await this.keepANodeAdmin(manager, 'active');
      await this.users.setActive(manager, nodeCode, id, active);
      if (!active) await this.sessions.endAll(manager, id, 'deactivated');
      return (await this.users.findById(manager, nodeCode, id))!;
    });
  }

  /**
   * 撤销角色 — removes a role the user holds in their organisation; tokens issued before carry it, so
   * they are refused and the user signs in again to get one without it.
   */
  async removeRole(principal: Principal, id: string, role: Role): Promise<UserAccount> {
    const nodeCode = this.config.node.code;
    return this.dataSource.transaction(async (manager) => {
      const user = await this.authorisedTarget(manager, principal, id, [role]);
      if (role === 'node-admin' && user.active && user.roles.includes(role)) await this.keepANodeAdmin(manager, 'role');
      if (await this.users.removeGrant(manager, id, role, user.organisationId)) {
        await this.sessions.endAll(manager, id, 'role-removed');
      }
      return (await this.users.findById(manager, nodeCode, id))!;
    });
  }

  /** The user, once the caller may manage their account (and, for `alsoRoles`, those roles). */
  private async authorisedTarget(
    manager: EntityManager,
    principal: Principal,
    id: string,
    alsoRoles: readonly Role[] = [],
  ): Promise<UserAccount> {
    const nodeCode = this.config.node.code;
    const user = isUuid(id) ? await this.users.findById(manager, nodeCode, id) : undefined;
    if (!user) throw GovdataError.notFound('user', id);
    await authoriseMemberChange(manager, nodeCode, principal, user.organisationId, [...user.roles, ...alsoRoles]);
    return user;
  }

  private async keepANodeAdmin(manager: EntityManager, path: 'active' | 'role'): Promise<void> {
    const nodeCode = this.config.node.code;
    await this.users.lockNodeAdmins(manager, nodeCode);
    if ((await this.users.countWithRole(manager, nodeCode, 'node-admin')) <= 1) {
      throw GovdataError.rule(
        path,
        UserRule.LastNodeAdmin,
        'the node must keep at least one active node-admin (节点至少保留一名启用的平台管理员)',
      );
    }
  }

  /**
   * A node-admin or auditor of the node sees every account of the node (or of one organisation); a
   * data-admin sees those of their own organisation; anyone else is refused (policy.ts).
   */
  async list(principal: Principal, query: ListUsersQuery): Promise<Page<UserAccount>> {
    const nodeCode = this.config.node.code;
    const manager = this.dataSource.manager;
    const scope = await nodeScope(manager, nodeCode);
    let organisationId = query.organisationId;
    if (!isNodeAdmin(principal, scope) && scopeOf(principal, 'identity.user.read', { nodeCode }) !== 'node') {
      const reader = can(principal, 'identity.user.read', { nodeCode, organisationId: principal.organisationId });
      if (!reader)
        throw GovdataError.forbidden(
          '查看账号需要本节点的节点管理员或审计员，或该机构的数据管理员 (listing accounts needs node-admin or auditor of the node, or data-admin of the organisation)',
        );
      organisationId ??= principal.organisationId;
      if (organisationId !== principal.organisationId) {
        throw GovdataError.forbidden('a data-admin sees the accounts of their own organisation only (分域管理)');
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
  return GovdataError.conflict(`用户名 ${username} 已被使用 (the username ${username} is taken)`, [
    {
      path: 'username',
      rule: UserFieldRule.UniqueUsername,
      message: '已有其他账号使用该用户名 (another account has this username)',
    },
  ]);
}
