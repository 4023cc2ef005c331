// Registers the resolver that maps `@govdata/*` workspace imports to the compiled `dist/` tree.
// Used as `node --import ./tools/register.mjs dist/apps/<app>/src/main.js`.
import { register } from 'node:module';

register('./resolve-workspace.mjs', import.meta.url);
