import { toStoredReplica } from './replica-rows.js';

describe('a replica_entry row as PostgreSQL returns it', () => {
  it('maps the bigint record version to a number and the timestamps to ISO text', () => {
    expect(
      toStoredReplica({
        origin_node: '360100',
        entry_id: '00000000-0000-4000-8000-000000000007',
        code: '101001/360100000007',
        organisation_id: '00000000-0000-4000-8000-0000000000aa',
        provider_name: '南昌市市场监督管理局',
        provider_code: '11360100MB1234567X',
        version: '42',
        entry_version: 3,
        content: { name: '企业登记信息' } as never,
        publish_date: null,
        published_at: new Date('2027-03-01T02:00:00Z'),
        path: ['360100', '360000'],
        received_at: new Date('2027-03-01T02:00:01Z'),
        retired: false,
        restricted: true,
      }),
    ).toEqual({
      originNode: '360100',
      entryId: '00000000-0000-4000-8000-000000000007',
      code: '101001/360100000007',
      organisationId: '00000000-0000-4000-8000-0000000000aa',
      providerName: '南昌市市场监督管理局',
      providerCode: '11360100MB1234567X',
      version: 42,
      entryVersion: 3,
      content: { name: '企业登记信息' },
      publishDate: null,
      publishedAt: '2027-03-01T02:00:00.000Z',
      path: ['360100', '360000'],
      receivedAt: '2027-03-01T02:00:01.000Z',
      retired: false,
      restricted: true,
    });
  });
});
