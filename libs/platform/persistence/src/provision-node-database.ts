import type { NodeConfig, ServiceName } from '@govdata/platform-config';
import pg from 'pg';
import { quoteIdent, quoteLiteral, serviceRoleName, serviceSchemaName } from './service-schema.js';

/** Extensions the services rely on; only an administrator may create them. */
const EXTENSIONS = ['pg_trgm', 'pgcrypto'];

/**
 * Creates the node's database and, per service, a login role that owns exactly one schema and can
 * create nothing elsewhere. Safe to run again and from several processes at once.
 */
export async function provisionNodeDatabase(config: NodeConfig, services: readonly ServiceName[]): Promise<void> {
  const { adminUrl, database, servicePassword } = config.postgres;
  const admin = new pg.Client({ connectionString: adminUrl, application_name: 'govdata-migrate' });
  await admin.connect();
  try {
    // Serialise provisioning cluster-wide: CREATE DATABASE / CREATE ROLE race otherwise.
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', ['govdata:provision']);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0)
      await admin.query(`CREATE DATABASE ${quoteIdent(database)} ENCODING 'UTF8' TEMPLATE template0`);
    for (const service of services) {
      const role = serviceRoleName(config.postgres.database, service);
      const known = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      const password = servicePassword ? `PASSWORD ${quoteLiteral(servicePassword)}` : 'PASSWORD NULL';
      await admin.query(
        `${known.rowCount === 0 ? 'CREATE' : 'ALTER'} ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE ${password}`,
      );
    }
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', ['govdata:provision']);
  } finally {
    await admin.end();
  }

  const adminOnNode = new pg.Client({
    connectionString: withDatabase(adminUrl, database),
    application_name: 'govdata-migrate',
  });
  await adminOnNode.connect();
  try {
    await adminOnNode.query('SELECT pg_advisory_lock(hashtext($1))', [`govdata:provision:${database}`]);
    for (const extension of EXTENSIONS)
      await adminOnNode.query(`CREATE EXTENSION IF NOT EXISTS ${quoteIdent(extension)}`);
    await adminOnNode.query(`REVOKE ALL ON DATABASE ${quoteIdent(database)} FROM PUBLIC`);
    await adminOnNode.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
    await adminOnNode.query('GRANT USAGE ON SCHEMA public TO PUBLIC'); // extension functions live in public
    for (const service of services) {
      const role = quoteIdent(serviceRoleName(config.postgres.database, service));
      const schema = quoteIdent(serviceSchemaName(service));
      await adminOnNode.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${quoteIdent(database)} TO ${role}`);
      await adminOnNode.query(`CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${role}`);
      await adminOnNode.query(`ALTER SCHEMA ${schema} OWNER TO ${role}`);
      await adminOnNode.query(`REVOKE ALL ON SCHEMA ${schema} FROM PUBLIC`);
      await adminOnNode.query(
        `ALTER ROLE ${role} IN DATABASE ${quoteIdent(database)} SET search_path = ${schema}, public`,
      );
    }
    await adminOnNode.query('SELECT pg_advisory_unlock(hashtext($1))', [`govdata:provision:${database}`]);
  } finally {
    await adminOnNode.end();
  }
}

/** Drops a node's database and its service roles (used by tests and `govdata node destroy`). */
export async function dropNodeDatabase(config: NodeConfig, services: readonly ServiceName[]): Promise<void> {
  const admin = new pg.Client({ connectionString: config.postgres.adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(config.postgres.database)} WITH (FORCE)`);
    for (const service of services)
      await admin.query(`DROP ROLE IF EXISTS ${quoteIdent(serviceRoleName(config.postgres.database, service))}`);
  } finally {
    await admin.end();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
