import { SystemRule } from '../systems/system.exception.js';
import { EntryRule } from './entry.exception.js';

/**
 * The 422 rule codes of each entry write, following its call graph: the content checks, the code
 * assignment, the lifecycle table's guards, and the entry hooks that can refuse (the information
 * system an entry names is checked on create, update, submit and revise).
 */
const REFERENCES = [EntryRule.KnownClassification, EntryRule.RegionCode, EntryRule.GradePolicy] as const;
const NAMED_SYSTEM = [SystemRule.SystemExists, SystemRule.SystemOfProvider] as const;

export const CREATE_ENTRY_PROBLEMS = [
  EntryRule.KnownOrganisation,
  ...REFERENCES,
  EntryRule.WithdrawnClassification,
  EntryRule.CodeSpaceExhausted,
  ...NAMED_SYSTEM,
] as const;

export const UPDATE_ENTRY_PROBLEMS = [
  ...REFERENCES,
  EntryRule.WithdrawnClassification,
  EntryRule.FixedAfterPublication,
  EntryRule.CodeSpaceExhausted,
  EntryRule.KnownOrganisation,
  ...NAMED_SYSTEM,
] as const;

export const SUBMIT_ENTRY_PROBLEMS = [...REFERENCES, ...NAMED_SYSTEM] as const;
export const RETURN_ENTRY_PROBLEMS = [EntryRule.Required, EntryRule.ContentField] as const;
export const REVISE_ENTRY_PROBLEMS = [...NAMED_SYSTEM] as const;
export const RETIRE_ENTRY_PROBLEMS = [EntryRule.Required] as const;
