import type {
  CreateOrganisationBody,
  Organisation,
  OrganisationKind,
  UpdateOrganisationBody,
} from '@/api/types/admin.js';

/** The organisation form as typed; the API checks every field (USCC check digit, region code). */
export interface OrganisationForm {
  name: string;
  uscc: string;
  regionCode: string;
  kind: OrganisationKind;
  parentId: string;
  authority: boolean;
  active: boolean;
}

/** The fields the form shows, by the API's field paths. */
export const ORGANISATION_FIELDS = ['name', 'uscc', 'regionCode', 'kind', 'parentId', 'authority', 'active'] as const;

/** A new organisation: a department of the node's region, by default. */
export function emptyOrganisationForm(regionCode = ''): OrganisationForm {
  return { name: '', uscc: '', regionCode, kind: 'department', parentId: '', authority: false, active: true };
}

export function organisationFormOf(o: Organisation): OrganisationForm {
  return {
    name: o.name,
    uscc: o.uscc,
    regionCode: o.regionCode,
    kind: o.kind,
    parentId: o.parentId ?? '',
    authority: o.authority,
    active: o.active,
  };
}

/** `POST /organisations`: what was typed, trimmed (no parent is `null`). */
export function createOrganisationBody(form: OrganisationForm): CreateOrganisationBody {
  return {
    name: form.name.trim(),
    uscc: form.uscc.trim(),
    regionCode: form.regionCode.trim(),
    kind: form.kind,
    parentId: form.parentId || null,
    authority: form.authority,
  };
}

/**
 * `PATCH /organisations/{id}`: only what changed, with the version read, so that a change made
 * meanwhile by someone else is a 409 instead of being overwritten.
 */
export function updateOrganisationBody(before: Organisation, form: OrganisationForm): UpdateOrganisationBody {
  const after = createOrganisationBody(form);
  const body: UpdateOrganisationBody = { version: before.version };
  if (after.name !== before.name) body.name = after.name;
  if (after.uscc !== before.uscc) body.uscc = after.uscc;
  if (after.regionCode !== before.regionCode) body.regionCode = after.regionCode;
  if (after.kind !== before.kind) body.kind = after.kind;
  if ((after.parentId ?? null) !== before.parentId) body.parentId = after.parentId ?? null;
  if (after.authority !== before.authority) body.authority = after.authority;
  if (form.active !== before.active) body.active = form.active;
  return body;
}
