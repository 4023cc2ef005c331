import { describe, expect, it } from 'vitest';
import { menuFor, type MenuNode } from '@/navigation/portal-menu.js';
import { OPEN_DATA_MENU } from './open-data-area.js';

const NODE = '360000';
const keys = (nodes: MenuNode[]): string[] => nodes.flatMap((n) => [n.key, ...keys(n.children ?? [])]);
const menuOf = (person: { nodeCode: string; roles: string[]; authority: boolean }) =>
  keys(menuFor(person, NODE, [OPEN_DATA_MENU]));

describe('the open-data area', () => {
  it("offers 开放审核 to the authority's data-admin and auditor and to a department's data-admin and editor", () => {
    for (const person of [
      { nodeCode: NODE, roles: ['data-admin'], authority: true },
      { nodeCode: NODE, roles: ['auditor'], authority: true },
      { nodeCode: NODE, roles: ['data-admin'], authority: false },
      { nodeCode: NODE, roles: ['catalog-editor'], authority: false },
    ]) {
      expect(menuOf(person)).toContain('open-data-reviews');
    }
    expect(menuOf({ nodeCode: NODE, roles: ['provider-reviewer'], authority: false })).not.toContain(
      'open-data-reviews',
    );
    expect(menuOf({ nodeCode: NODE, roles: ['demand-applicant'], authority: false })).toEqual([]);
  });

  it("offers 开放申请 to the authority's data-admin and auditor and to a department's data-admin and provider-reviewer", () => {
    for (const person of [
      { nodeCode: NODE, roles: ['data-admin'], authority: true },
      { nodeCode: NODE, roles: ['auditor'], authority: true },
      { nodeCode: NODE, roles: ['data-admin'], authority: false },
    ]) {
      expect(menuOf(person)).toEqual(expect.arrayContaining(['open-data-reviews', 'open-data-applications']));
    }
    expect(menuOf({ nodeCode: NODE, roles: ['provider-reviewer'], authority: false })).toEqual(
      expect.arrayContaining(['open-data', 'open-data-applications']),
    );
    expect(menuOf({ nodeCode: NODE, roles: ['catalog-editor'], authority: false })).toEqual([
      'open-data',
      'open-data-reviews',
    ]);
    expect(menuOf({ nodeCode: '360100', roles: ['data-admin'], authority: true })).toEqual([]);
  });

  it('offers 数据需求 and 数据纠错 to those who answer them and to the authority, never to a catalog editor', () => {
    const feedback = ['open-data-demands', 'open-data-error-reports'];
    for (const person of [
      { nodeCode: NODE, roles: ['data-admin'], authority: true },
      { nodeCode: NODE, roles: ['auditor'], authority: true },
      { nodeCode: NODE, roles: ['data-admin'], authority: false },
    ]) {
      expect(menuOf(person)).toEqual(
        expect.arrayContaining(['open-data', 'open-data-reviews', 'open-data-applications', ...feedback]),
      );
    }
    expect(menuOf({ nodeCode: NODE, roles: ['provider-reviewer'], authority: false })).toEqual([
      'open-data',
      'open-data-applications',
      ...feedback,
      'open-data-comments',
    ]);
    expect(menuOf({ nodeCode: NODE, roles: ['catalog-editor'], authority: false })).not.toEqual(
      expect.arrayContaining(['open-data-demands']),
    );
    expect(menuOf({ nodeCode: NODE, roles: ['catalog-editor'], authority: false })).not.toEqual(
      expect.arrayContaining(['open-data-error-reports']),
    );
  });

  it("offers 成果审核 to the authority's data-admin and auditor only, and 评论管理 to those who may hide comments", () => {
    expect(menuOf({ nodeCode: NODE, roles: ['data-admin'], authority: true })).toEqual([
      'open-data',
      'open-data-reviews',
      'open-data-applications',
      'open-data-demands',
      'open-data-error-reports',
      'open-data-showcases',
      'open-data-comments',
    ]);
    // The auditor reads the showcases but moderates no comment.
    const auditor = menuOf({ nodeCode: NODE, roles: ['auditor'], authority: true });
    expect(auditor).toContain('open-data-showcases');
    expect(auditor).not.toContain('open-data-comments');
    // A department reviews no showcase; its data-admin and provider-reviewer hide comments on its datasets.
    const department = menuOf({ nodeCode: NODE, roles: ['data-admin'], authority: false });
    expect(department).not.toContain('open-data-showcases');
    expect(department).toContain('open-data-comments');
    expect(menuOf({ nodeCode: NODE, roles: ['provider-reviewer'], authority: false })).toContain('open-data-comments');
    expect(menuOf({ nodeCode: NODE, roles: ['catalog-editor'], authority: false })).toEqual([
      'open-data',
      'open-data-reviews',
    ]);
  });
});
