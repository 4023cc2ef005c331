import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { portalDirectory, type NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { Request, Response } from 'express';
import { ASSETS_PREFIX } from './portal-routes.js';

/** Content-hashed files never change under their name. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and the other unhashed files: revalidated on every use (ETag), so a new build shows at once. */
export const REVALIDATE = 'no-cache';

/** What the gateway answers for a GET of the portal. */
export type PortalAnswer =
  { kind: 'file'; relativePath: string; cacheControl: string } | { kind: 'not-found' } | { kind: 'not-built' };

/**
 * A built single-page portal in a folder: `/assets/…` files as they are, other existing files
 * revalidated, and index.html for every other path (the SPA's history routes). Looked at on each
 * request, so a portal built while the gateway runs is served at once. The staff portal (below) and
 * the open-data portal (`open-portal/`) are two folders served alike.
 */
export class PortalFolder {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
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

  /**
   * Answers a GET with the folder's file for `req.path`; a missing asset is a 404 problem, an
   * unbuilt portal a 503 page (`notBuiltPage`).
   */
  async send(req: Request, res: Response, notBuiltPage: () => string): Promise<void> {
    const answer = await this.answerFor(req.path);
    if (answer.kind === 'not-found') throw GovdataError.notFound('portal file', req.path);
    if (answer.kind === 'not-built') {
      res.status(503).setHeader('Cache-Control', 'no-store');
      res.type('html').send(notBuiltPage());
      return;
    }
    await new Promise<void>((done, fail) => {
      res.sendFile(
        answer.relativePath,
        { root: this.root, cacheControl: false, headers: { 'Cache-Control': answer.cacheControl } },
        (error) => {
          // After the headers went out (the client left) there is nobody to tell.
          if (error && !res.headersSent) fail(GovdataError.notFound('portal file', req.path));
          else done();
        },
      );
    });
  }

  private async isFile(relativePath: string): Promise<boolean> {
    try {
      return (await stat(join(this.root, relativePath))).isFile();
    } catch {
      return false;
    }
  }
}

/** 共享门户 — the built staff portal (`http.portalDir`, by default `dist/portal`). */
@Injectable()
export class PortalFiles extends PortalFolder {
  constructor(@Inject(NODE_CONFIG) config: NodeConfig) {
    super(portalDirectory(config));
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
