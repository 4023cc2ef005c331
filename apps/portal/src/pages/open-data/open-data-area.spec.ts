import { describe, expect, it } from 'vitest';
import { menuFor, type MenuNode } from '@/navigation/portal-menu.js';
import { OPEN_DATA_MENU } from './open-data-area.js';

const NODE = '360000';
const keys = (nodes: MenuNode[]): string[] => nodes.flatMap((n) => [n.key, ...keys(n.children ?? [])]);

describe('the open-data area', () => {
  it("offers 开放审核 to the authority's data-admin and auditor and to a department's data-admin and editor", () => {
    for (const person of [
      { nodeCode: NODE, roles: ['data-admin'], authority: true },
      { nodeCode: NODE, roles: ['auditor'], authority: true },
      { nodeCode: NODE, roles: ['data-admin'], authority: false },
      { nodeCode: NODE, roles: ['catalog-editor'], authority: false },
    ]) {
      expect(keys(menuFor(person, NODE, [OPEN_DATA_MENU]))).toEqual(['open-data', 'open-data-reviews']);
    }
    expect(menuFor({ nodeCode: NODE, roles: ['demand-applicant'], authority: false }, NODE, [OPEN_DATA_MENU])).toEqual(
      [],
    );
  });
});
