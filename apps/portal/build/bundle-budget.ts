import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** The rendered chunks of a build, as Rollup/Rolldown hands them to `generateBundle`. */
interface BundleChunk {
  type: 'chunk' | 'asset';
  fileName: string;
  code?: string;
  isEntry?: boolean;
  facadeModuleId?: string | null;
  imports?: string[];
}

export interface BudgetReport {
  files: string[];
  gzippedBytes: number;
}

/**
 * The JavaScript a browser must load for a route on a first visit: the entry chunk, the route's own
 * chunk, and every chunk either imports statically (lazy routes and their dynamic imports excluded).
 */
export function routeJavaScript(bundle: Record<string, BundleChunk>, routeModule: RegExp): BudgetReport {
  const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
  const roots = chunks.filter((c) => c.isEntry || (c.facadeModuleId && routeModule.test(c.facadeModuleId)));
  if (!roots.some((c) => !c.isEntry)) throw new Error(`no chunk for the route module ${routeModule}`);
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const seen = new Set<string>();
  const visit = (chunk: BundleChunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.add(chunk.fileName);
    for (const name of chunk.imports ?? []) {
      const imported = byName.get(name);
      if (imported) visit(imported);
    }
  };
  roots.forEach(visit);
  const files = [...seen].sort();
  const gzippedBytes = files.reduce((sum, f) => sum + gzipSync(byName.get(f)!.code ?? '', { level: 9 }).length, 0);
  return { files, gzippedBytes };
}

/**
 * Fails the build when the JavaScript of the sign-in + search route (what a person loads to sign
 * in and search the catalog) exceeds the budget, and prints the figure on every build.
 */
export function bundleBudget(options: { label: string; routeModule: RegExp; maxGzippedKiB: number }): Plugin {
  return {
    name: 'govdata-bundle-budget',
    apply: 'build',
    generateBundle(_output, bundle) {
      const report = routeJavaScript(bundle as unknown as Record<string, BundleChunk>, options.routeModule);
      const kib = report.gzippedBytes / 1024;
      const line = `${options.label}: ${kib.toFixed(1)} KiB gzipped JavaScript in ${report.files.length} files (budget ${options.maxGzippedKiB} KiB)`;
      if (kib > options.maxGzippedKiB) this.error(`bundle budget exceeded — ${line}`);
      this.info(line);
      console.log(`[portal] ${line}`);
    },
  };
}
