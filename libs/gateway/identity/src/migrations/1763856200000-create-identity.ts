import type { MigrationInterface, QueryRunner } from 'typeorm';
import { WidenRoles1766300000000 } from './1766300000000-widen-roles.js';
import { AuthorityOrganisations1767400000000 } from './1767400000000-authority-organisations.js';
import { OrganisationDeactivatedCutoff1767500000000 } from './1767500000000-organisation-deactivated-cutoff.js';
import { SessionRevocation1767300000000 } from './1767300000000-session-revocation.js';

/**
 * 分域分级 user management: organisations of the node, people and their organisation-scoped roles,
 * and service accounts. The signing key is a file in the node's data folder, not a table.
 */
export class CreateIdentity1763856200000 implements MigrationInterface {
  name = 'CreateIdentity1763856200000';

  async up(q: QueryRunner): Promise<void> {
    // created_at uses clock_timestamp(), not now(): rows made in one transaction (the first-run seed)
    // keep their creation order, which is the order of the API's pages.
    await q.query(`
      CREATE TABLE organisation (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        node_code   text NOT NULL,
        name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
        uscc        text NOT NULL CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
        region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
        kind        text NOT NULL CHECK (kind IN ('department', 'government', 'public_institution', 'enterprise')),
        parent_id   uuid REFERENCES organisation (id),
        is_root     boolean NOT NULL DEFAULT false,
        version     integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        active      boolean NOT NULL DEFAULT true,
        created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT organisation_uscc_unique UNIQUE (node_code, uscc),
        CONSTRAINT organisation_root_is_top CHECK (NOT is_root OR parent_id IS NULL),
        CONSTRAINT organisation_not_own_parent CHECK (parent_id IS DISTINCT FROM id)
      )`);
    // The node's root organisation: its node-admins manage everything on the node.
    await q.query('CREATE UNIQUE INDEX organisation_single_root ON organisation (node_code) WHERE is_root');
    await q.query('CREATE INDEX organisation_parent ON organisation (parent_id)');
    await q.query('CREATE INDEX organisation_page ON organisation (created_at, id)');

    await q.query(`
      CREATE TABLE user_account (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        username        text NOT NULL CHECK (username = lower(username) AND char_length(username) BETWEEN 2 AND 64),
        display_name    text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 100),
        password_hash   text NOT NULL,
        active          boolean NOT NULL DEFAULT true,
        created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
        last_login_at   timestamptz,
        CONSTRAINT user_account_username_unique UNIQUE (username)
      )`);
    await q.query('CREATE INDEX user_account_page ON user_account (organisation_id, created_at, id)');

    await q.query(`
      CREATE TABLE role_grant (
        user_id         uuid NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        role            text NOT NULL CHECK (role IN ('catalog-editor', 'catalog-reviewer', 'data-admin', 'auditor', 'operator', 'node-admin', 'api-consumer')),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        granted_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, role, organisation_id)
      )`);
    await q.query('CREATE INDEX role_grant_by_role ON role_grant (role, organisation_id)');

    await q.query(`
      CREATE TABLE service_account (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        client_id       text NOT NULL,
        name            text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        secret_hash     text NOT NULL,
        roles           text[] NOT NULL DEFAULT '{}'
                        CHECK (roles <@ ARRAY['catalog-editor', 'catalog-reviewer', 'data-admin', 'auditor', 'operator', 'node-admin', 'api-consumer']::text[]),
        active          boolean NOT NULL DEFAULT true,
        created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT service_account_client_id_unique UNIQUE (client_id)
      )`);
    await q.query('CREATE INDEX service_account_organisation ON service_account (organisation_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE service_account');
    await q.query('DROP TABLE role_grant');
    await q.query('DROP TABLE user_account');
    await q.query('DROP TABLE organisation');
  }
}

/** The gateway's identity migrations, in order. */
export const IDENTITY_MIGRATIONS = [
  CreateIdentity1763856200000,
  WidenRoles1766300000000,
  SessionRevocation1767300000000,
  AuthorityOrganisations1767400000000,
  OrganisationDeactivatedCutoff1767500000000,
];
