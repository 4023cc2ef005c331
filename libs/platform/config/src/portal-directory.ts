import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NodeConfig } from './node-config.schema.js';

/**
 * Where the gateway finds the built portal: `http.portalDir`, else `dist/portal` of the govdata
 * installation — the nearest folder above this file holding tsconfig.base.json, which is the
 * repository for the sources (tests) and for the compiled `dist/` (the demo, the image's /app).
 */
export function portalDirectory(config: NodeConfig): string {
  return config.http.portalDir ?? join(installationRoot(import.meta.dirname), 'dist', 'portal');
}

/** Where the gateway finds the built open-data portal: `http.openPortalDir`, else `dist/open-portal`. */
export function openPortalDirectory(config: NodeConfig): string {
  return config.http.openPortalDir ?? join(installationRoot(import.meta.dirname), 'dist', 'open-portal');
}

function installationRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'tsconfig.base.json'))) return dir;
    // Not an installation at all (a bundled copy): the working directory is the best guess left.
    if (dirname(dir) === dir) return process.cwd();
  }
}
