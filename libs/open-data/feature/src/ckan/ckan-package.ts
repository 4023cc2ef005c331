import type { DownloadFormat } from '../datasets/open-vocabulary.js';
import {
  OPEN_TYPE_LABELS,
  publishedColumns,
  updateCycleView,
  type DatasetRecord,
  type ResourceRecord,
} from '../datasets/dataset.js';
import { OPEN_DOMAINS, OPEN_LICENCES, type OpenDomain } from '../datasets/open-vocabulary.js';

/**
 * Datasets as CKAN's action API shows them (package, resource, organization and group dicts), so
 * ckanext-harvest, Magda and CKAN clients read a node as they read a CKAN site. A dataset's CKAN
 * `name` is its id (a UUID is a valid, unique, stable CKAN name); a department's is its
 * organisation id; a group's is the 主题领域 code.
 */

/** CKAN's timestamps: ISO 8601 in UTC without a zone designator. */
export function ckanTime(iso: string): string {
  return iso.replace(/Z$/, '');
}

export interface CkanOrganization {
  id: string;
  name: string;
  title: string;
  type: 'organization';
  description: string;
  image_url: string;
  is_organization: true;
  approval_status: 'approved';
  state: 'active';
  /** 提供方代码 (统一社会信用代码). */
  provider_code: string;
  package_count?: number;
}

export interface CkanGroup {
  id: string;
  name: string;
  title: string;
  display_name: string;
  description: string;
  type: 'group';
  is_organization: false;
  approval_status: 'approved';
  state: 'active';
  image_url: string;
  package_count?: number;
}

export interface CkanResource {
  id: string;
  package_id: string;
  name: string;
  description: string;
  format: 'CSV';
  mimetype: string;
  url: string;
  url_type: null;
  datastore_active: true;
  state: 'active';
  position: number;
  created: string;
  last_modified: string;
  /** Where the rows are also served as JSON, and page by page (`datastore_search`). */
  json_url: string;
}

export interface CkanPackage {
  id: string;
  name: string;
  title: string;
  notes: string;
  type: 'dataset';
  state: 'active' | 'deleted';
  private: false;
  owner_org: string;
  organization: CkanOrganization;
  groups: Array<Pick<CkanGroup, 'id' | 'name' | 'title' | 'display_name' | 'description' | 'image_url'>>;
  tags: Array<{ id: string; name: string; display_name: string; state: 'active'; vocabulary_id: null }>;
  license_id: string;
  license_title: string;
  license_url: string;
  isopen: boolean;
  author: string;
  maintainer: string;
  url: string;
  version: string;
  metadata_created: string;
  metadata_modified: string;
  num_resources: number;
  num_tags: number;
  resources: CkanResource[];
  extras: Array<{ key: string; value: string }>;
}

export function organizationDict(
  d: Pick<DatasetRecord, 'organisationId' | 'providerName' | 'providerCode'>,
  packageCount?: number,
): CkanOrganization {
  return {
    id: d.organisationId,
    name: d.organisationId,
    title: d.providerName,
    type: 'organization',
    description: '',
    image_url: '',
    is_organization: true,
    approval_status: 'approved',
    state: 'active',
    provider_code: d.providerCode,
    ...(packageCount === undefined ? {} : { package_count: packageCount }),
  };
}

export function groupDict(code: OpenDomain, packageCount?: number): CkanGroup {
  const label = OPEN_DOMAINS[code];
  return {
    id: code,
    name: code,
    title: label.zh,
    display_name: label.zh,
    description: label.en,
    type: 'group',
    is_organization: false,
    approval_status: 'approved',
    state: 'active',
    image_url: '',
    ...(packageCount === undefined ? {} : { package_count: packageCount }),
  };
}

/** The download of a table resource through the node's REST API. */
export function downloadUrl(baseUrl: string, datasetId: string, resourceId: string, format: DownloadFormat): string {
  return `${baseUrl}/api/v1/open-data/datasets/${datasetId}/resources/${resourceId}/download?format=${format}`;
}

export function resourceDict(baseUrl: string, r: ResourceRecord, position: number): CkanResource {
  const columns = publishedColumns(r).map((c) => c.item);
  return {
    id: r.id,
    package_id: r.datasetId,
    name: r.name,
    description: columns.length ? `数据项：${columns.join('、')}` : '',
    format: 'CSV',
    mimetype: 'text/csv',
    url: downloadUrl(baseUrl, r.datasetId, r.id, 'csv'),
    url_type: null,
    datastore_active: true,
    state: 'active',
    position,
    created: ckanTime(r.createdAt),
    last_modified: ckanTime(r.updatedAt),
    json_url: downloadUrl(baseUrl, r.datasetId, r.id, 'json'),
  };
}

/**
 * A dataset as a CKAN package. Archived datasets are `deleted` (how harvesters learn a dataset is
 * gone); datasets in review or refused are never shown, so they are not mapped.
 */
export function packageDict(baseUrl: string, d: DatasetRecord, resources: readonly ResourceRecord[]): CkanPackage {
  const licence = d.licence ? OPEN_LICENCES[d.licence] : null;
  const domain = d.domain ? groupDict(d.domain) : null;
  const tags = [...new Set(d.tags)];
  const extras = [
    { key: '信息资源代码', value: d.entryCode },
    { key: '提供方代码', value: d.providerCode },
    { key: '更新周期', value: updateCycleView(d.updateCycle).label.zh },
    { key: '开放类型', value: OPEN_TYPE_LABELS[d.openType].zh },
    { key: '节点代码', value: d.nodeCode },
  ];
  // A replica of a dataset opened below this node: where it is opened and how it came here.
  if (d.origin) {
    extras.push({ key: '来源节点', value: d.origin.nodeCode }, { key: '来源路径', value: d.origin.path.join('→') });
  }
  if (d.openType === 'conditional' && d.openConditions) extras.push({ key: '开放条件', value: d.openConditions });
  if (d.status === 'archived' && d.archivedReason) extras.push({ key: '归档原因', value: d.archivedReason });
  const own = resources.filter((r) => r.datasetId === d.id);
  return {
    id: d.id,
    name: d.id,
    title: d.name,
    notes: d.abstract,
    type: 'dataset',
    state: d.status === 'archived' ? 'deleted' : 'active',
    private: false,
    owner_org: d.organisationId,
    organization: organizationDict(d),
    groups: domain
      ? [
          {
            id: domain.id,
            name: domain.name,
            title: domain.title,
            display_name: domain.display_name,
            description: domain.description,
            image_url: '',
          },
        ]
      : [],
    tags: tags.map((name) => ({ id: name, name, display_name: name, state: 'active', vocabulary_id: null })),
    license_id: d.licence ?? 'notspecified',
    license_title: licence?.zh ?? '未指定许可 (License not specified)',
    license_url: licence?.url ?? '',
    isopen: licence !== null,
    author: d.providerName,
    maintainer: d.providerName,
    url: `${baseUrl}/api/v1/open-data/datasets/${d.id}`,
    version: String(d.entryVersion),
    metadata_created: ckanTime(d.openedAt ?? d.submittedAt),
    metadata_modified: ckanTime(d.metadataModified),
    num_resources: own.length,
    num_tags: tags.length,
    resources: own.map((r, i) => resourceDict(baseUrl, r, i)),
    extras,
  };
}

/** CKAN DataStore field types of a published column (masked columns are text). */
export function datastoreType(column: { columnType: string; decision: string }): string {
  if (column.decision === 'mask') return 'text';
  const t = column.columnType;
  if (/^(smallint|integer|bigint)$/.test(t)) return 'int';
  if (/^(numeric|real|double precision)$/.test(t)) return 'numeric';
  if (t === 'boolean') return 'bool';
  if (t === 'date') return 'date';
  if (t.startsWith('timestamp')) return 'timestamp';
  return 'text';
}
