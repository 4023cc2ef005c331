import type { GrantTerms } from '@govdata/contracts';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import type { EntryRef } from '../ledger/entry-ref.js';
import { normaliseItemName } from '../ledger/entry-ref.js';
import type { GrantTermsInput } from './application.dto.js';
import { ApplicationRule } from './application.exception.js';
import type { ApplicationRecord } from './application.types.js';

/**
 * Defaults of a grant when the reviewer sets none: a modest steady rate with a short burst, and the
 * applicant's own estimate of daily calls as the daily quota.
 */
export const DEFAULT_RATE_PER_SECOND = 5;
export const DEFAULT_BURST = 10;

/**
 * The requested items as the entry names them. When none of them is an item of the entry (data
 * requested before it was catalogued, answered by a new entry), the entry's items are the answer.
 */
export function defaultItems(app: ApplicationRecord, entry: EntryRef): string[] {
  const byName = new Map(entry.items.map((i) => [normaliseItemName(i), i]));
  const matched = app.requestedItems.map((i) => byName.get(normaliseItemName(i))).filter((i) => i !== undefined);
  return matched.length > 0 ? [...new Set(matched)] : [...entry.items];
}

/** The items named, as the entry spells them; a name the entry lacks is a 422 naming it. */
export function entryItems(names: readonly string[], entry: EntryRef, path: string): string[] {
  const byName = new Map(entry.items.map((i) => [normaliseItemName(i), i]));
  const problems = names.flatMap((name, i) =>
    byName.has(normaliseItemName(name))
      ? []
      : [
          {
            path: `${path}.${i}`,
            rule: ApplicationRule.EntryItem,
            message: `${name} 不是目录 ${entry.code} 的信息项 (${name} is not a data item of entry ${entry.code})`,
          },
        ],
  );
  if (problems.length > 0) {
    throw new GovdataError(ErrorCode.RuleViolated, problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
  }
  return [...new Set(names.map((n) => byName.get(normaliseItemName(n))!))];
}

/** The terms the provider's exchange will enforce, from the reviewer's input over the defaults. */
export function grantTerms(
  app: ApplicationRecord,
  entry: EntryRef,
  input: GrantTermsInput | undefined,
  today: string,
): GrantTerms {
  const validUntil = input?.validUntil ?? app.validUntil;
  if (validUntil <= today) {
    throw GovdataError.rule(
      'terms.validUntil',
      ApplicationRule.FutureDate,
      `授权有效期须晚于今天（${today}） (the grant must run past today (${today}))`,
    );
  }
  if (validUntil > app.validUntil) {
    throw GovdataError.rule(
      'terms.validUntil',
      ApplicationRule.WithinRequested,
      `授权有效期最长至申请的 ${app.validUntil} (a grant runs at most until the requested ${app.validUntil})`,
    );
  }
  return {
    consumerOrganisationId: app.applicant.organisationId,
    consumerNode: app.nodeCode,
    ...(input?.serviceAccounts?.length ? { serviceAccounts: input.serviceAccounts } : {}),
    providerNode: entry.nodeCode,
    providerOrganisationId: entry.organisationId,
    entryId: entry.entryId,
    entryCode: entry.code,
    items: input?.items ? entryItems(input.items, entry, 'terms.items') : defaultItems(app, entry),
    purpose: app.purpose,
    validFrom: today,
    validUntil,
    ratePerSecond: input?.ratePerSecond ?? DEFAULT_RATE_PER_SECOND,
    burst: input?.burst ?? DEFAULT_BURST,
    quotaPerDay: input?.quotaPerDay !== undefined ? input.quotaPerDay : (app.expectedVolume?.callsPerDay ?? null),
    quotaPerMonth: input?.quotaPerMonth ?? null,
  };
}
