import 'reflect-metadata';
import { MODULE_METADATA } from '@nestjs/common/constants.js';
import type { ForwardReference, Type } from '@nestjs/common';
import {
  CATALOG_FEATURE_MODULES,
  CatalogModule,
  ENTRY_WRITE_HOOK_ORDER,
  EntryWriteHooksModule,
} from './catalog.service-definition.js';
import { DeadlineClockEntryHook } from './clocks/deadline-clock-entry.hook.js';
import { EntriesModule } from './entries/entries.module.js';
import { EntryMountsController } from './mounts/entry-mounts.controller.js';
import { EntriesController } from './entries/entries.controller.js';
import { MountsModule } from './mounts/mounts.module.js';
import { EntrySearchHook } from './search/entry-search.hook.js';
import { OneSourceHook } from './sources/one-source.hook.js';
import { EntrySystemHook } from './systems/entry-system.hook.js';

type ModuleImport = Type<unknown> | ForwardReference<() => Type<unknown>>;

const isForwardReference = (m: ModuleImport): m is ForwardReference<() => Type<unknown>> =>
  typeof (m as Partial<ForwardReference>).forwardRef === 'function';

const importsOf = (module: Type<unknown>): Type<unknown>[] =>
  ((Reflect.getMetadata(MODULE_METADATA.IMPORTS, module) ?? []) as ModuleImport[]).map((m) =>
    isForwardReference(m) ? m.forwardRef() : m,
  );

/** Modules in the order Nest first meets them (depth first from the root), which is the order it registers their routes. */
function registrationOrder(root: Type<unknown>): Type<unknown>[] {
  const seen: Type<unknown>[] = [];
  const visit = (module: Type<unknown>) => {
    if (seen.includes(module)) return;
    seen.push(module);
    for (const imported of importsOf(module)) visit(imported);
  };
  visit(root);
  return seen;
}

const controllersOf = (module: Type<unknown>): unknown[] =>
  (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) ?? []) as unknown[];

describe('the catalog service definition', () => {
  it('runs the entry write hooks in the documented order: search, 一数一源, clocks, system check', () => {
    expect(ENTRY_WRITE_HOOK_ORDER).toEqual([EntrySearchHook, OneSourceHook, DeadlineClockEntryHook, EntrySystemHook]);
  });

  it('registers the mounts routes before the entries routes, so /entries/:id/mounts is the mounts controller', () => {
    const order = registrationOrder(CatalogModule);
    expect(order.indexOf(MountsModule)).toBeGreaterThan(0);
    expect(order.indexOf(MountsModule)).toBeLessThan(order.indexOf(EntriesModule));
    const controllers = order.flatMap(controllersOf);
    expect(controllers.indexOf(EntryMountsController)).toBeLessThan(controllers.indexOf(EntriesController));
  });

  it('has one module per feature folder, each controller in exactly one of them', () => {
    const order = registrationOrder(CatalogModule);
    expect(order).toEqual(expect.arrayContaining([...CATALOG_FEATURE_MODULES, EntryWriteHooksModule]));
    const controllers = order.flatMap(controllersOf);
    expect(new Set(controllers).size).toBe(controllers.length);
    expect(controllers).toHaveLength(21);
  });
});
