#!/usr/bin/env node
// Converts traditional Chinese in the repository's text files to mainland simplified Chinese (规范汉字),
// with OpenCC's data (opencc-js, Traditional → mainland Simplified): our users write simplified
// Chinese, and every text a person reads is simplified.
//
//   node tools/simplify-text.mjs            rewrite the text files in place, list what changed
//   node tools/simplify-text.mjs --check    list files holding traditional text, exit 1 if any
//
// Files whose name ends in `.traditional.ts` hold deliberate traditional input (tests proving that
// either script is accepted) and are skipped, as are binary files and the lockfile.
import * as OpenCC from 'opencc-js';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { argv, exit, stderr, stdout } from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TEXT_FILE = /\.(ts|mts|mjs|js|vue|md|ya?ml|json|proto|sh|tpl|txt|csv|html)$/;
const SKIPPED = [/\.traditional\.ts$/, /^package-lock\.json$/, /(^|\/)node_modules\//];

/**
 * The repository's text files (tracked or new, not ignored) that hold traditional characters, each
 * rewritten in simplified characters when `write` is set.
 */
export function traditionalFiles({ root = ROOT, write = false } = {}) {
  const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
  const files = execFileSync('git', ['-C', root, 'ls-files', '--cached', '--others', '--exclude-standard'], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter((file) => file && TEXT_FILE.test(file) && !SKIPPED.some((rule) => rule.test(file)));
  const found = [];
  for (const file of files) {
    const path = join(root, file);
    let text;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue; // deleted in the work tree
    }
    if (!/\p{Script=Han}/u.test(text)) continue;
    const simplified = toSimplified(text);
    if (simplified === text) continue;
    found.push(file);
    if (write) writeFileSync(path, simplified);
  }
  return found;
}

if (argv[1] && import.meta.url === pathToFileURL(argv[1]).href) {
  const check = argv.includes('--check');
  const found = traditionalFiles({ write: !check });
  for (const file of found) stdout.write(`${file}\n`);
  stderr.write(`${found.length} file(s) ${check ? 'hold traditional Chinese' : 'converted'}\n`);
  if (check && found.length > 0) {
    stderr.write('run: node tools/simplify-text.mjs\n');
    exit(1);
  }
}
