import type { MaskAs, RegisterResourceBody } from '@/api/types/exchange.js';
import { operationRef, type DocumentOperation } from './openapi-upload.js';

export type CredentialKind = 'none' | 'api-key' | 'bearer' | 'basic';
export const CREDENTIAL_KINDS: readonly CredentialKind[] = ['none', 'api-key', 'bearer', 'basic'];

/** One of the entry's items and the response field carrying it ('' = a field named like the item). */
export interface ItemMapping {
  item: string;
  field: string;
  maskAs: MaskAs | '';
}

/** 接口资源登记表 — what the data-admin chooses and types, before it becomes the API's body. */
export interface ResourceForm {
  entryId: string;
  name: string;
  baseUrl: string;
  /** Keys (`GET /persons`) of the document's operations chosen for exposure. */
  operations: string[];
  /** Where the records sit in an answer (`data.list`), '' when the API should detect it. */
  recordsAt: string;
  mappings: ItemMapping[];
  credentials: {
    kind: CredentialKind;
    in: 'header' | 'query';
    name: string;
    value: string;
    token: string;
    username: string;
    password: string;
  };
}

export function emptyResourceForm(entryId = ''): ResourceForm {
  return {
    entryId,
    name: '',
    baseUrl: '',
    operations: [],
    recordsAt: '',
    mappings: [],
    credentials: { kind: 'none', in: 'header', name: '', value: '', token: '', username: '', password: '' },
  };
}

/** A row per item of the entry, keeping what was already typed for an item of the same name. */
export function mappingsFor(items: readonly string[], previous: readonly ItemMapping[] = []): ItemMapping[] {
  return items.map((item) => previous.find((m) => m.item === item) ?? { item, field: '', maskAs: '' });
}

/**
 * The form fields the API's field errors are shown beside (`errors[].path`); an error on
 * `operations.2` or `openapi.paths` goes to the nearest field shown (`operations`, `openapi`).
 */
export function resourceFields(form: ResourceForm): string[] {
  return [
    'entryId',
    'name',
    'openapi',
    'baseUrl',
    'operations',
    'recordsAt',
    'responseItems',
    ...form.mappings.flatMap((_, i) => [
      `responseItems.${i}.item`,
      `responseItems.${i}.field`,
      `responseItems.${i}.maskAs`,
    ]),
    'credentials',
    'credentials.in',
    'credentials.name',
    'credentials.value',
    'credentials.token',
    'credentials.username',
    'credentials.password',
  ];
}

/**
 * The body of `POST /exchange/resources`: what was chosen and typed, as typed (the API checks it).
 * Every item of the entry is sent in order, so `responseItems.<i>` of an error is row i of the table.
 */
export function resourceBody(
  form: ResourceForm,
  document: Record<string, unknown> | null,
  declared: readonly DocumentOperation[],
): RegisterResourceBody {
  const chosen = declared.filter((o) => form.operations.includes(o.key));
  return {
    entryId: form.entryId,
    ...(form.name.trim() ? { name: form.name } : {}),
    baseUrl: form.baseUrl,
    openapi: document ?? {},
    operations: chosen.map(operationRef),
    responseItems: form.mappings.map((m) => ({
      item: m.item,
      ...(m.field.trim() ? { field: m.field.trim() } : {}),
      ...(m.maskAs ? { maskAs: m.maskAs } : {}),
    })),
    ...(form.recordsAt.trim() ? { recordsAt: form.recordsAt.trim() } : {}),
    credentials: credentialsOf(form.credentials),
  };
}

function credentialsOf(c: ResourceForm['credentials']): NonNullable<RegisterResourceBody['credentials']> {
  switch (c.kind) {
    case 'none':
      return { kind: 'none' };
    case 'api-key':
      return { kind: 'api-key', in: c.in, name: c.name, value: c.value };
    case 'bearer':
      return { kind: 'bearer', token: c.token };
    case 'basic':
      return { kind: 'basic', username: c.username, password: c.password };
  }
}
