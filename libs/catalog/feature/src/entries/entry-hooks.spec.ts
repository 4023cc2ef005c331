import type { EntityManager } from 'typeorm';
import { EntryHooks, type EntryChange, type EntryWriteHook } from './entry-hooks.js';

const change = (entryId: string): EntryChange => ({
  entryId,
  code: `code-${entryId}`,
  nodeCode: '360100',
  organisationId: 'org',
  action: 'submit',
  version: 1,
  from: 'draft',
  to: 'submitted',
  retired: false,
  actor: { subject: 'u', kind: 'user', organisationId: 'org', nodeCode: '360100', roles: ['catalog-editor'] },
  at: new Date('2026-12-07T00:00:00Z'),
});

/** A manager standing for one transaction (EntryHooks keys a batch by its query runner). */
const transaction = (): EntityManager => ({ queryRunner: {} }) as unknown as EntityManager;

describe('EntryHooks', () => {
  let calls: string[];
  const hook = (name: string, bulk = false): EntryWriteHook => ({
    afterEntryChange: async (_m, c) => void calls.push(`${name}:${c.entryId}`),
    ...(bulk
      ? {
          afterEntryChanges: async (_m: EntityManager, cs: readonly EntryChange[]) =>
            void calls.push(`${name}:[${cs.map((c) => c.entryId).join(',')}]`),
        }
      : {}),
  });

  beforeEach(() => {
    calls = [];
  });

  it('runs the hooks in the order it was given, for every change', async () => {
    const hooks = new EntryHooks([hook('search'), hook('one-source'), hook('clocks'), hook('system')]);
    await hooks.run(transaction(), change('a'));
    await hooks.run(transaction(), change('b'));
    expect(calls).toEqual([
      'search:a',
      'one-source:a',
      'clocks:a',
      'system:a',
      'search:b',
      'one-source:b',
      'clocks:b',
      'system:b',
    ]);
  });

  it('stops at a failing hook: the later ones do not run and the write sees the error', async () => {
    const failing: EntryWriteHook = {
      afterEntryChange: async () => {
        throw new Error('system of another organisation');
      },
    };
    const hooks = new EntryHooks([hook('search'), failing, hook('clocks')]);
    await expect(hooks.run(transaction(), change('a'))).rejects.toThrow('system of another organisation');
    expect(calls).toEqual(['search:a']);
  });

  it('inside a batch, calls a bulk hook once at the end with every change, the others per change', async () => {
    const hooks = new EntryHooks([hook('search', true), hook('clocks')]);
    const manager = transaction();
    const result = await hooks.batch(manager, async () => {
      await hooks.run(manager, change('a'));
      await hooks.run(manager, change('b'));
      return 'imported';
    });
    expect(result).toBe('imported');
    expect(calls).toEqual(['clocks:a', 'clocks:b', 'search:[a,b]']);
  });

  it('runs a bulk hook per change outside a batch, and in other transactions during one', async () => {
    const hooks = new EntryHooks([hook('search', true)]);
    const inBatch = transaction();
    await hooks.batch(inBatch, async () => {
      await hooks.run(transaction(), change('other'));
      await hooks.run(inBatch, change('a'));
    });
    expect(calls).toEqual(['search:other', 'search:[a]']);
  });
});
