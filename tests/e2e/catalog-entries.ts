import { sampleEntry } from '../catalog/catalog-harness.js';
import type { PortalNode, PortalUser } from './portal-harness.js';

/**
 * Entries put in the catalog through the API as the people themselves would (the editor creates and
 * submits, the reviewer approves and publishes), for pages that show published entries.
 */
export async function publishEntry(
  node: PortalNode,
  editor: PortalUser,
  reviewer: PortalUser,
  content: Record<string, unknown>,
): Promise<{ id: string; code: string }> {
  const [editorToken, reviewerToken] = await Promise.all([editor.token(), reviewer.token()]);
  const created = await node.api<{ id: string; code: string }>('POST', '/api/v1/catalog/entries', {
    token: editorToken,
    body: { content },
  });
  if (created.status !== 201) throw new Error(`creating ${String(content['name'])}: ${JSON.stringify(created.body)}`);
  const steps: Array<[string, string]> = [
    [editorToken, 'submit'],
    [reviewerToken, 'approve'],
    [reviewerToken, 'publish'],
  ];
  for (const [token, action] of steps) {
    const done = await node.api('POST', `/api/v1/catalog/entries/${created.body.id}/${action}`, { token, body: {} });
    if (done.status !== 200) throw new Error(`${action} ${String(content['name'])}: ${JSON.stringify(done.body)}`);
  }
  return created.body;
}

/** Three entries: two about 人口 (one naming 户籍 only in its items, where results mark nothing), one about something else. */
export const SEARCH_ENTRIES = [
  sampleEntry(),
  sampleEntry({
    name: '流动人口登记信息',
    abstract: '本省流动人口的居住登记信息，包括居住地址、登记日期和登记机关。',
    tags: ['人口', '居住登记'],
  }),
  sampleEntry({
    name: '企业登记信息',
    abstract: '本省市场主体的登记信息，包括名称、统一社会信用代码、住所和法定代表人。',
    classificationCode: '101001',
    tags: ['企业', '市场主体'],
    items: [
      { name: '企业名称', dataType: 'C', length: 200 },
      { name: '统一社会信用代码', dataType: 'C', length: 18 },
      { name: '住所', dataType: 'C', length: 200 },
    ],
  }),
];
