import type { ReplicaEventV1 } from '@govdata/contracts';
import { nodeLevelOf, resolveScope } from './ledger-scope.js';
import { ReplicaRejected, replicaRecord, supersedes } from './replica-projection.js';

const content = {
  name: '企业登记信息',
  abstract: '南昌市市场主体登记信息。',
  classificationCode: '101001',
  grade: { category: 'general', level: 2 },
  sharing: { type: 'unconditional', methods: ['platform'] },
  open: { type: 'none' },
  format: { category: 'database', detail: 'PostgreSQL' },
  updateCycle: 'daily',
  items: [{ name: '企业名称', dataType: 'C', length: 100 }],
  regionCode: '360100',
  tags: ['企业'],
};

function event(overrides: Partial<ReplicaEventV1> = {}, action: 'publish' | 'retire' = 'publish'): ReplicaEventV1 {
  return {
    kind: 'catalog.entry',
    origin: '360100',
    path: ['360100', '360000'],
    version: 7,
    receivedAt: '2026-03-02T08:00:00.000Z',
    record: {
      action,
      sequence: 7,
      entry: {
        id: '0b9f7c3e-1111-4222-8333-444455556666',
        code: '101001/360100000001',
        nodeCode: '360100',
        organisationId: '5a0e2f0c-7777-4888-9999-aaaabbbbcccc',
        provider: { name: '南昌市市场监督管理局', code: '11360100MB1234567X' },
        status: action === 'retire' ? 'retired' : 'published',
        headVersion: 1,
        headState: 'published',
        publishedVersion: 1,
        authoritativeEntryId: null,
      },
      version: { number: 1, state: 'published', publishDate: '2026-03-02', content },
      actor: { subject: 'user:reviewer', organisationId: '5a0e2f0c-7777-4888-9999-aaaabbbbcccc' },
      at: '2026-03-02T07:59:59.000Z',
    },
    ...overrides,
  };
}

describe('replica projection rules (一本账)', () => {
  it('turns a publish into a published, unrestricted replica with its provenance', () => {
    const r = replicaRecord(event(), '360000');
    expect(r).toMatchObject({
      originNode: '360100',
      entryId: '0b9f7c3e-1111-4222-8333-444455556666',
      code: '101001/360100000001',
      providerName: '南昌市市场监督管理局',
      version: 7,
      entryVersion: 1,
      path: ['360100', '360000'],
      retired: false,
      restricted: false,
      publishDate: '2026-03-02',
    });
  });

  it('marks a retirement retired', () => {
    expect(replicaRecord(event({}, 'retire'), '360000').retired).toBe(true);
  });

  it('marks 不予共享 and 核心数据 replicas restricted', () => {
    const none = event();
    none.record.version.content = { ...content, sharing: { type: 'none', legalBasis: '《数据安全法》' } };
    expect(replicaRecord(none, '360000').restricted).toBe(true);
    const core = event();
    core.record.version.content = { ...content, grade: { category: 'core' } };
    expect(replicaRecord(core, '360000').restricted).toBe(true);
  });

  it('refuses records that do not belong on this node', () => {
    expect(() => replicaRecord(event(), '100000')).toThrow(ReplicaRejected); // path ends elsewhere
    expect(() => replicaRecord(event({ origin: '360000', path: ['360000', '360000'] }), '360000')).toThrow(
      /is this node/,
    );
    expect(() => replicaRecord(event({ origin: '360200', path: ['360200', '360000'] }), '360000')).toThrow(
      /belongs to node 360100/,
    );
    expect(() => replicaRecord(event({ path: ['360000', '360100', '360000'] }), '360000')).toThrow(ReplicaRejected);
    const broken = event();
    broken.record.version.content = { ...content, items: [] };
    expect(() => replicaRecord(broken, '360000')).toThrow(/not a catalog entry/);
  });

  it('keeps the highest origin version: older and equal versions (replays, a second path) change nothing', () => {
    expect(supersedes(null, { version: 1 })).toBe(true);
    expect(supersedes({ version: 7 }, { version: 8 })).toBe(true);
    expect(supersedes({ version: 7 }, { version: 7 })).toBe(false);
    expect(supersedes({ version: 7 }, { version: 3 })).toBe(false);
  });
});

describe('ledger scope and levels', () => {
  it('defaults to the node, and refuses scope=all below national naming scope', () => {
    expect(resolveScope(undefined, 'provincial')).toBe('node');
    expect(resolveScope('subtree', 'municipal')).toBe('subtree');
    expect(resolveScope('all', 'national')).toBe('subtree');
    expect(() => resolveScope('all', 'provincial')).toThrow(
      expect.objectContaining({ fields: [expect.objectContaining({ path: 'scope' })] }),
    );
  });

  it('reads the level from the node code', () => {
    expect(nodeLevelOf('100000')).toBe('national');
    expect(nodeLevelOf('360000')).toBe('provincial');
    expect(nodeLevelOf('360100')).toBe('municipal');
    expect(nodeLevelOf('nonsense')).toBeNull();
  });
});
