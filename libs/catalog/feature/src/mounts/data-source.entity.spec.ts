import { toDataSourceRecord, type DataSourceRow } from './data-source.entity.js';

describe('toDataSourceRecord', () => {
  const row: DataSourceRow = {
    id: '00000000-0000-4000-8000-000000000001',
    nodeCode: '360000',
    organisationId: '00000000-0000-4000-8000-0000000000aa',
    name: '业务库',
    kind: 'postgresql',
    host: 'db.example',
    port: 5432,
    databaseName: 'business',
    username: 'reader',
    passwordCipher: 'sealed',
    ssl: true,
    createdBy: 'editor-1',
    createdAt: new Date('2026-03-02T01:00:00Z'),
  };

  it('maps the row to the record the service works with', () => {
    expect(toDataSourceRecord(row)).toEqual({
      id: row.id,
      nodeCode: '360000',
      organisationId: row.organisationId,
      name: '业务库',
      kind: 'postgresql',
      host: 'db.example',
      port: 5432,
      database: 'business',
      user: 'reader',
      passwordCipher: 'sealed',
      ssl: true,
      hasPassword: true,
      createdBy: 'editor-1',
      createdAt: '2026-03-02T01:00:00.000Z',
    });
  });

  it('says when no password is stored', () => {
    expect(toDataSourceRecord({ ...row, passwordCipher: null })).toMatchObject({
      passwordCipher: null,
      hasPassword: false,
    });
  });
});
