import { toMountRecord, toMountTarget, type MountRaw } from './entry-mount.repository.js';
import type { EntryContent } from '../entries/entry-content.js';

const content = (name: string) => ({ name, items: [] }) as unknown as EntryContent;

describe('toMountTarget', () => {
  it('maps the entry a mount is for', () => {
    expect(
      toMountTarget({
        id: 'e1',
        node_code: '360000',
        organisation_id: 'o1',
        retired: false,
        published: true,
        head_content: content('head'),
        visible_content: content('published'),
      }),
    ).toEqual({
      id: 'e1',
      nodeCode: '360000',
      organisationId: 'o1',
      retired: false,
      published: true,
      headContent: content('head'),
      visibleContent: content('published'),
    });
  });
});

describe('toMountRecord', () => {
  const file: MountRaw = {
    id: 'm1',
    entry_id: 'e1',
    node_code: '360000',
    organisation_id: 'o1',
    kind: 'file',
    name: '年报',
    data_source_id: null,
    detail: { mediaType: 'text/csv', size: 3, sha256: 'ab', url: null, stored: true },
    has_secret: false,
    created_by: 'editor-1',
    created_at: new Date('2026-03-02T01:00:00Z'),
    source_name: null,
    source_kind: null,
    source_host: null,
    source_port: null,
    source_database: null,
    source_user: null,
    source_ssl: null,
    source_has_password: null,
  };

  it('maps a mount without a data source', () => {
    expect(toMountRecord(file)).toEqual({
      id: 'm1',
      entryId: 'e1',
      nodeCode: '360000',
      organisationId: 'o1',
      kind: 'file',
      name: '年报',
      dataSourceId: null,
      detail: file.detail,
      hasSecret: false,
      createdBy: 'editor-1',
      createdAt: '2026-03-02T01:00:00.000Z',
      dataSource: null,
    });
  });

  it('maps a table mount with its data source, never a password', () => {
    const record = toMountRecord({
      ...file,
      kind: 'table',
      data_source_id: 's1',
      source_name: '业务库',
      source_kind: 'postgresql',
      source_host: 'db.example',
      source_port: 5432,
      source_database: 'business',
      source_user: 'reader',
      source_ssl: false,
      source_has_password: true,
    });
    expect(record.dataSource).toEqual({
      id: 's1',
      name: '业务库',
      kind: 'postgresql',
      host: 'db.example',
      port: 5432,
      database: 'business',
      user: 'reader',
      ssl: false,
      hasPassword: true,
    });
  });
});
