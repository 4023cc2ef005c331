import type { CatalogEntryEventV1 } from '@govdata/contracts';
import type { DatasetItem, DatasetMetadata, OpenType } from './dataset.js';

/** What a published version says about opening: 无条件开放, 有条件开放, or 不予开放 (none). */
export function openTypeOf(content: Record<string, unknown>): OpenType | 'none' {
  const type = (content['open'] as { type?: unknown } | undefined)?.type;
  return type === 'unconditional' || type === 'conditional' ? type : 'none';
}

/** The dataset's copy of a published entry version (the event's content is schema-checked on arrival). */
export function datasetMetadata(event: CatalogEntryEventV1, openType: OpenType): DatasetMetadata {
  const c = event.version.content;
  const open = c['open'] as { conditions?: string };
  const format = c['format'] as { category?: string; detail?: string };
  const items = (c['items'] as Array<Record<string, unknown>>).map((i): DatasetItem => ({
    name: String(i['name']),
    dataType: String(i['dataType']),
    ...(typeof i['length'] === 'number' ? { length: i['length'] } : {}),
    ...(typeof i['description'] === 'string' && i['description'] ? { description: i['description'] } : {}),
  }));
  return {
    entryCode: event.entry.code,
    entryVersion: event.version.number,
    entrySequence: event.sequence,
    organisationId: event.entry.organisationId,
    providerName: event.entry.provider.name,
    providerCode: event.entry.provider.code,
    name: String(c['name']),
    abstract: String(c['abstract'] ?? ''),
    openType,
    openConditions: open.conditions ?? '',
    updateCycle: String(c['updateCycle']),
    regionCode: String(c['regionCode']),
    classification: String(c['classificationCode']),
    tags: (c['tags'] as string[]) ?? [],
    items,
    formats: [format.detail || format.category || ''].filter(Boolean),
  };
}
