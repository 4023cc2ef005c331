import type { EntryContent, EntryItem } from '@/api/types/catalog.js';

/** A new entry's starting content: the form's shape, with nothing decided for the editor. */
export function emptyContent(): EntryContent {
  return {
    name: '',
    abstract: '',
    classificationCode: '',
    grade: { category: 'general', level: 1 },
    sharing: { type: 'unconditional', methods: ['platform'] },
    open: { type: 'none' },
    format: { category: 'database' },
    updateCycle: 'monthly',
    items: [emptyItem()],
    relatedCodes: [],
    regionCode: '',
    tags: [],
  };
}

export function emptyItem(): EntryItem {
  return { name: '', dataType: 'C', length: 50 };
}

/**
 * The content to send: the form as edited, less the optional texts left empty (the API reads an
 * absent condition as "none given", an empty string as a value to check).
 */
export function contentToSend(form: EntryContent): EntryContent {
  const text = (value: string | undefined) => (value?.trim() ? value : undefined);
  return {
    ...form,
    grade: form.grade.category === 'general' ? form.grade : { category: form.grade.category },
    sharing: {
      type: form.sharing.type,
      conditions: text(form.sharing.conditions),
      legalBasis: text(form.sharing.legalBasis),
      methods: form.sharing.methods?.length ? form.sharing.methods : undefined,
    },
    open: { type: form.open.type, conditions: text(form.open.conditions) },
    // A cleared system picker leaves no system named.
    systemId: form.systemId || undefined,
    format: { category: form.format.category, detail: text(form.format.detail) },
    items: form.items.map((item) => ({
      ...item,
      dataElement: text(item.dataElement),
      description: text(item.description),
    })),
  };
}

/** The form's fields as the API names them under `content.` — where its field errors go. */
export function entryFields(itemCount: number): string[] {
  const fields = [
    'name',
    'abstract',
    'classificationCode',
    'grade',
    'grade.level',
    'sharing.type',
    'sharing.conditions',
    'sharing.legalBasis',
    'sharing.methods',
    'open.type',
    'open.conditions',
    'format.category',
    'format.detail',
    'updateCycle',
    'items',
    'relatedCodes',
    'regionCode',
    'tags',
    'systemId',
    'classified',
  ];
  for (let i = 0; i < itemCount; i++) {
    fields.push(
      `items.${i}.name`,
      `items.${i}.dataType`,
      `items.${i}.length`,
      `items.${i}.dataElement`,
      `items.${i}.description`,
    );
  }
  return fields;
}
