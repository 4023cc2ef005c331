import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { portalDirectory, type NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG } from '@govdata/platform-service';
import { ASSETS_PREFIX } from './portal-routes.js';

/** Content-hashed files never change under their name. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and the other unhashed files: revalidated on every use (ETag), so a new build shows at once. */
export const REVALIDATE = 'no-cache';

/** What the gateway answers for a GET of the portal. */
export type PortalAnswer =
  { kind: 'file'; relativePath: string; cacheControl: string } | { kind: 'not-found' } | { kind: 'not-built' };

/**
 * 共享门户 — the built portal (`http.portalDir`, by default `dist/portal`): `/assets/…` files as they
 * are, other existing files revalidated, and index.html for every other path (the SPA's history
 * routes). Looked at on each request, so a portal built while the gateway runs is served at once.
 */
@Injectable()
export class PortalFiles {
  readonly root: string;

  constructor(@Inject(NODE_CONFIG) config: NodeConfig) {
    this.root = resolve(portalDirectory(config));
  }

  async answerFor(urlPath: string): Promise<PortalAnswer> {
    if (!(await this.isFile('index.html'))) return { kind: 'not-built' };
    const relativePath = portalRelativePath(urlPath);
    const exists = relativePath !== undefined && relativePath !== '' && (await this.isFile(relativePath));
    if (urlPath.startsWith(ASSETS_PREFIX)) {
      // A missing asset is a 404, never index.html: a stale page must not run HTML as a script.
      return exists ? { kind: 'file', relativePath, cacheControl: IMMUTABLE } : { kind: 'not-found' };
    }
    return exists
      ? { kind: 'file', relativePath, cacheControl: REVALIDATE }
      : { kind: 'file', relativePath: 'index.html', cacheControl: REVALIDATE };
  }

  private async isFile(relativePath: string): Promise<boolean> {
    try {
      return (await stat(join(this.root, relativePath))).isFile();
    } catch {
      return false;
    }
  }
}

/**
 * The URL path as a path inside the portal folder, or undefined for one that could point outside it
 * or at a hidden file: a segment that does not decode, starts with a dot (`..`, `.env`) or decodes
 * to a separator.
 */
export function portalRelativePath(urlPath: string): string | undefined {
  const segments: string[] = [];
  for (const raw of urlPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment.startsWith('.') || /[/\\]/.test(segment) || segment.includes('\u0000')) return undefined;
    segments.push(segment);
  }
  return segments.join('/');
}
