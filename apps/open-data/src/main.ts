import 'reflect-metadata';
import { openDataService } from '@govdata/open-data-feature';
import { configPathFromArgs, loadConfigOrExit, runUntilSignalled, startService } from '@govdata/platform-service';

// The open-data service on its own: `node --import ./tools/register.mjs dist/apps/open-data/src/main.js --config node.yaml`.
// Its database role and schema come from `govdata migrate` (run first; it needs the admin URL).
const config = loadConfigOrExit(configPathFromArgs());
await runUntilSignalled(() => startService(openDataService, config, { provision: false }), {
  config,
  service: 'open-data',
});
