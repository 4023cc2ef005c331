export * from './catalog.service-definition.js';
export * from './organisation-directory/organisation-ref.repository.js';
export * from './clocks/index.js';
export { FAILED_CHECK_MIN_MS } from './mounts/postgres-table-probe.js';

// The feature modules and what a launcher's seed (the demo's, `@govdata/demo-seed`) writes through:
// the same use cases and rules as the API, never the tables themselves.
export { ClocksModule } from './clocks/clocks.module.js';
export { EntriesModule } from './entries/entries.module.js';
export { MountsModule } from './mounts/mounts.module.js';
export { OrganisationDirectoryModule } from './organisation-directory/organisation-directory.module.js';
export { SystemsModule } from './systems/systems.module.js';
export {
  entryContentSchema,
  normaliseItemName,
  type EntryContent,
  type EntryContentInput,
} from './entries/entry-content.js';
export { ApproveEntryUseCase } from './entries/approve-entry.usecase.js';
export { CreateEntryUseCase } from './entries/create-entry.usecase.js';
export { PublishEntryUseCase } from './entries/publish-entry.usecase.js';
export { ReturnEntryUseCase } from './entries/return-entry.usecase.js';
export { SubmitEntryUseCase } from './entries/submit-entry.usecase.js';
export { EntryRepository } from './entries/entry.repository.js';
export { checkMappedItems } from './mounts/column-mapping.js';
export { registerDataSourceBody } from './mounts/data-source.dto.js';
export { DataSourceService } from './mounts/data-source.service.js';
export { EntryMountService } from './mounts/entry-mount.service.js';
export { MountResourceUseCase } from './mounts/mount-resource.usecase.js';
export { RegisterDataSourceUseCase } from './mounts/register-data-source.usecase.js';
export { tableMountBody } from './mounts/mount.dto.js';
export { ClassificationConflictRule, ClassificationRule } from './classification/classification.exception.js';
export { ClockConflictRule, ClockRule } from './clocks/clock.exception.js';
export { MountInputRule, MountRule } from './mounts/mount.exception.js';
export { SourceInputRule, SourceRule } from './sources/source.exception.js';
export {
  DataElementConflictRule,
  DataElementInputRule,
  InheritedConflictRule,
} from './standards/standard.exception.js';
export { entryItemKeys, judgeSharedItems, NAME_SIMILARITY_THRESHOLD, sharedItems } from './sources/item-overlap.js';
export type { Deployment } from './systems/information-system.js';
export { registerSystemBody } from './systems/information-system.dto.js';
export { InformationSystemService } from './systems/information-system.service.js';
// Rule codes a catalog 422 answers with (errors[].rule), for clients and the problem-code test.
export { EntryRule } from './entries/entry.exception.js';
export { SystemRule } from './systems/system.exception.js';
