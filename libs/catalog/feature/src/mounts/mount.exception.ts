import { GovdataError } from '@govdata/platform-errors';
import { OutboundRefusedError } from '@govdata/platform-outbound';
import type { DataSourceRecord } from './data-source.js';
import { SourceProbeError, type ProbeFailure } from './postgres-table-probe.js';

/**
 * Rule codes of data sources (数据源) and mounts (挂接) answered in a 422's `errors[].rule` (and `unique`
 * in a 409 for a name taken), listed per operation in the OpenAPI document.
 */
export enum MountRule {
  /** 422 `dataSourceId`: no data source with this id is registered on the node. */
  DataSourceExists = 'data-source-exists',
  /** 422 `dataSourceId`: a table is mounted from one of the entry's own organisation's sources only. */
  DataSourceOfProvider = 'data-source-of-provider',
  /** 422 `host` / `id` / `dataSourceId`: the node's outbound policy (`outbound.allow`) refuses the address. */
  OutboundNotAllowed = 'outbound-not-allowed',
  /** 422: the source database cannot be reached, or did not answer as PostgreSQL. */
  SourceUnreachable = 'source-unreachable',
  /** 422: the source refused the user name or password. */
  SourceAuthentication = 'source-authentication',
  /** 422: the database does not exist on the source server. */
  SourceDatabaseMissing = 'source-database-missing',
  /** 422: the TLS connection to the source could not be set up. */
  SourceSsl = 'source-ssl',
  /** 422: the source user may not read the table description. */
  SourcePermissionDenied = 'source-permission-denied',
  /** 422: the source refuses connections for now. */
  SourceBusy = 'source-busy',
  /** 422: the source answered with another error. */
  SourceFailed = 'source-failed',
  /** 422: the source user is a superuser or may read the server's files. */
  SourcePrivilegedRole = 'source-privileged-role',
  /** 422: the node's own database given as a data source. */
  SourceOwnDatabase = 'source-own-database',
  /** 422 `table`: the table is not visible to the source user. */
  TableExists = 'table-exists',
  /** 422 `columnMapping.<i>.item`: the mapping names an item the entry does not have. */
  ItemOfEntry = 'item-of-entry',
  /** 422 `columnMapping.<i>.column`: the mapping names a column the table does not have. */
  ColumnExists = 'column-exists',
  /** 422 `columnMapping.<i>.*`: an item or a column mapped twice; 409 `name`: a mount or data source name taken. */
  Unique = 'unique',
  /** 422 `openapi` / `contentBase64`: a document or file over 2 MiB. */
  Size = 'size',
  /** 422 `size` / `sha256`: a stated size or SHA-256 that disagrees with the uploaded content. */
  MatchesContent = 'matches-content',
}

/** Rule codes of a mount body refused before any check (400). */
export enum MountInputRule {
  /** 400 `openapi`: an API mount with neither an OpenAPI document nor an endpoint. */
  DocumentOrEndpoint = 'document-or-endpoint',
}

/** Why a source could not be read, in Chinese for the person reading the 422 (the English follows it). */
const PROBE_FAILURES_ZH: Readonly<Record<ProbeFailure, string>> = {
  unreachable: '无法连接数据库服务器，或其应答不是 PostgreSQL（请检查主机、端口或网络）',
  authentication: '服务器拒绝了该用户名或密码',
  'database-missing': '该服务器上不存在此数据库',
  ssl: '无法建立 TLS（SSL）连接',
  'permission-denied': '该用户无权读取表结构',
  busy: '服务器暂时拒绝连接（连接数过多或正在启动）',
  failed: '服务器返回了错误',
  'privileged-role': '该用户是超级用户或可读取服务器文件；请登记只能读取待挂接表的角色',
  'own-database': '本节点自身的数据库不能作为数据源',
};

/** The rule a failed source check answers with, one per {@link ProbeFailure}. */
export const PROBE_FAILURE_RULES: Readonly<Record<ProbeFailure, MountRule>> = {
  unreachable: MountRule.SourceUnreachable,
  authentication: MountRule.SourceAuthentication,
  'database-missing': MountRule.SourceDatabaseMissing,
  ssl: MountRule.SourceSsl,
  'permission-denied': MountRule.SourcePermissionDenied,
  busy: MountRule.SourceBusy,
  failed: MountRule.SourceFailed,
  'privileged-role': MountRule.SourcePrivilegedRole,
  'own-database': MountRule.SourceOwnDatabase,
};

/** Every rule a failed source check (or the outbound policy) can answer with. */
export const SOURCE_CHECK_RULES: readonly MountRule[] = [
  MountRule.OutboundNotAllowed,
  ...Object.values(PROBE_FAILURE_RULES),
];

/**
 * A source that cannot be read is the caller's to fix (address, password, grants): a 422 naming the
 * field that points at the source and saying what failed — never a 500, never the password.
 */
export function rethrowProbeFailure(error: unknown, path: string, record: DataSourceRecord): never {
  const refused = outboundRefusal(error, path);
  if (refused) throw refused;
  if (!(error instanceof SourceProbeError)) throw error;
  throw GovdataError.rule(
    path,
    PROBE_FAILURE_RULES[error.failure],
    `数据源 ${record.name}：${PROBE_FAILURES_ZH[error.failure]} (data source ${record.name} (${record.user}@${record.host}:${record.port}/${record.database}): ${error.message})`,
  );
}

/** A host the node's outbound policy (`outbound.allow`) refuses: a 422 naming the field. */
export function outboundRefusal(error: unknown, path: string): GovdataError | null {
  if (!(error instanceof OutboundRefusedError)) return null;
  return GovdataError.rule(
    path,
    MountRule.OutboundNotAllowed,
    `${error.host}:${error.port} 不在本节点出站策略（outbound.allow）允许的范围内 (${error.host}:${error.port}: ${error.message})`,
  );
}

/** 409: the organisation has a data source of this name. */
export function dataSourceNameTaken(name: string): GovdataError {
  return GovdataError.conflict(
    `本机构已有名为 ${name} 的数据源 (the organisation already has a data source named ${name})`,
    [
      {
        path: 'name',
        rule: MountRule.Unique,
        message: '本机构已有同名数据源 (another data source of this organisation has this name)',
      },
    ],
  );
}

/** 409: the entry has a mount of this name. */
export function mountNameTaken(name: string): GovdataError {
  return GovdataError.conflict(`该目录已有名为 ${name} 的挂接 (the entry already has a mount named ${name})`, [
    { path: 'name', rule: MountRule.Unique, message: '该目录已有同名挂接 (another mount of this entry has this name)' },
  ]);
}
