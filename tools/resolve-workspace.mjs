// Node module-resolution hook: `@govdata/<lib>` → `dist/<lib path>/src/index.js`.
// The mapping is read from tsconfig.base.json, the single source of truth for library paths.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
const aliases = new Map(
  Object.entries(tsconfig.compilerOptions.paths).map(([name, [source]]) => [
    name,
    pathToFileURL(join(root, 'dist', source.replace(/\.ts$/, '.js'))).href,
  ]),
);

export async function resolve(specifier, context, nextResolve) {
  const target = aliases.get(specifier);
  if (target) return { url: target, shortCircuit: true, format: 'module' };
  return nextResolve(specifier, context);
}
