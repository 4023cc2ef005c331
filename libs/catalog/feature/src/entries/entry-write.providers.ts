import { ApproveEntryUseCase } from './approve-entry.usecase.js';
import { CreateEntryUseCase } from './create-entry.usecase.js';
import { EntryChangeRecorder } from './entry-change-recorder.js';
import { EntryContentChecks } from './entry-content-checks.js';
import { EntryTransitionRunner } from './entry-transition.runner.js';
import { PublishEntryUseCase } from './publish-entry.usecase.js';
import { ReturnEntryUseCase } from './return-entry.usecase.js';
import { RetireEntryUseCase } from './retire-entry.usecase.js';
import { ReviseEntryUseCase } from './revise-entry.usecase.js';
import { SubmitEntryUseCase } from './submit-entry.usecase.js';
import { UpdateEntryUseCase } from './update-entry.usecase.js';
import { WithdrawEntryUseCase } from './withdraw-entry.usecase.js';

/** The writes of catalog entries — one use case per thing a user does — and what they share. */
export const ENTRY_WRITE_PROVIDERS = [
  EntryContentChecks,
  EntryChangeRecorder,
  EntryTransitionRunner,
  CreateEntryUseCase,
  UpdateEntryUseCase,
  SubmitEntryUseCase,
  WithdrawEntryUseCase,
  ReturnEntryUseCase,
  ApproveEntryUseCase,
  PublishEntryUseCase,
  ReviseEntryUseCase,
  RetireEntryUseCase,
] as const;
