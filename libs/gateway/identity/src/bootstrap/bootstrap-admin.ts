import { randomBytes } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NodeConfig } from '@govdata/platform-config';
import type { EventPublisher } from '@govdata/platform-messaging';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { hashSecret } from '../passwords/password-hasher.js';
import { passwordPolicyProblems } from '../passwords/password-policy.js';
import { UserRepository } from '../users/user.repository.js';
import { ensureRootOrganisation, lockIdentityBootstrap } from './root-organisation.js';

export const BOOTSTRAP_ADMIN_USERNAME = 'admin';
export const BOOTSTRAP_PASSWORD_ENV = 'GOVDATA_BOOTSTRAP_ADMIN_PASSWORD';

/** Where the generated first password of `admin` is written (mode 0600) when the env var is not set. */
export function bootstrapPasswordPath(config: NodeConfig): string {
  return join(config.node.dataDir, 'bootstrap-admin-password.txt');
}

export interface BootstrapResult {
  rootOrganisationId: string;
  rootCreated: boolean;
  /** Set when the `admin` account was created now. */
  adminCreated: boolean;
  /** Set when its password was generated and written to this file. */
  passwordFile?: string;
}

/**
 * First-run bootstrap: the node's root organisation and, while the node has no active node-admin, an
 * `admin` account holding node-admin in it. The initial password comes from
 * GOVDATA_BOOTSTRAP_ADMIN_PASSWORD, else it is generated and written to
 * `<dataDir>/bootstrap-admin-password.txt` (0600) — never logged. Idempotent; replicas serialise on
 * an advisory lock.
 */
export async function bootstrapIdentity(
  dataSource: DataSource,
  publisher: EventPublisher,
  config: NodeConfig,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<BootstrapResult> {
  const given = env[BOOTSTRAP_PASSWORD_ENV];
  if (given !== undefined) {
    const problems = passwordPolicyProblems(given, BOOTSTRAP_ADMIN_USERNAME, BOOTSTRAP_PASSWORD_ENV);
    if (problems.length > 0) {
      // The value is secret: name the variable and the rules only.
      throw new Error(
        `${BOOTSTRAP_PASSWORD_ENV} does not meet the password policy: ${problems.map((p) => `${p.rule} (${p.message})`).join('; ')}`,
      );
    }
  }
  const users = new UserRepository();
  const result = await dataSource.transaction(async (manager): Promise<BootstrapResult> => {
    await lockIdentityBootstrap(manager);
    const { root, created } = await ensureRootOrganisation(manager, publisher, config);
    const outcome: BootstrapResult = { rootOrganisationId: root.id, rootCreated: created, adminCreated: false };
    if ((await users.countWithRole(manager, config.node.code, 'node-admin')) > 0) return outcome;
    if (await users.usernameTaken(manager, BOOTSTRAP_ADMIN_USERNAME)) {
      logger.warn(
        { username: BOOTSTRAP_ADMIN_USERNAME },
        'the node has no active node-admin and the username admin is taken; no bootstrap admin was created',
      );
      return outcome;
    }
    const password = given ?? generatePassword();
    await users.insert(
      manager,
      {
        organisationId: root.id,
        username: BOOTSTRAP_ADMIN_USERNAME,
        displayName: '平台管理员',
        passwordHash: await hashSecret(password),
      },
      ['node-admin'],
    );
    outcome.adminCreated = true;
    if (given === undefined) {
      // Written before the commit: if writing fails, no admin exists whose password nobody knows.
      outcome.passwordFile = bootstrapPasswordPath(config);
      await mkdir(config.node.dataDir, { recursive: true });
      await writeFile(outcome.passwordFile, `${password}\n`, { mode: 0o600 });
      await chmod(outcome.passwordFile, 0o600);
    }
    return outcome;
  });
  if (result.rootCreated) logger.info({ organisationId: result.rootOrganisationId }, 'root organisation created');
  if (result.passwordFile) {
    logger.warn(
      { username: BOOTSTRAP_ADMIN_USERNAME, passwordFile: result.passwordFile },
      `bootstrap node-admin "admin" created; its initial password is in ${result.passwordFile} (mode 0600): sign in, change it (POST /api/v1/me/password) and delete the file`,
    );
  } else if (result.adminCreated) {
    logger.warn(
      { username: BOOTSTRAP_ADMIN_USERNAME },
      `bootstrap node-admin "admin" created with the password from ${BOOTSTRAP_PASSWORD_ENV}`,
    );
  }
  return result;
}

/** 24 random characters that satisfy the password policy. */
function generatePassword(): string {
  for (;;) {
    const candidate = randomBytes(18).toString('base64').replace(/[+/]/g, '#');
    if (passwordPolicyProblems(candidate, BOOTSTRAP_ADMIN_USERNAME).length === 0) return candidate;
  }
}
