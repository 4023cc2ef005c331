import 'reflect-metadata';
import { catalogService } from '@govdata/catalog-feature';
import { configPathFromArgs, loadConfigOrExit, runUntilSignalled, startService } from '@govdata/platform-service';

// The catalog service on its own: `node --import ./tools/register.mjs dist/apps/catalog/src/main.js --config node.yaml`.
// Its database role and schema come from `govdata migrate` (run first; it needs the admin URL).
const config = loadConfigOrExit(configPathFromArgs());
await runUntilSignalled(() => startService(catalogService, config, { provision: false }), {
  config,
  service: 'catalog',
});
