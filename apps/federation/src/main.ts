import 'reflect-metadata';
import { federationService } from '@govdata/federation-feature';
import { configPathFromArgs, loadConfigOrExit, runUntilSignalled, startService } from '@govdata/platform-service';

// The federation service on its own: `node --import ./tools/register.mjs dist/apps/federation/src/main.js --config node.yaml`.
// Its database role and schema come from `govdata migrate` (run first; it needs the admin URL).
const config = loadConfigOrExit(configPathFromArgs());
await runUntilSignalled(() => startService(federationService, config, { provision: false }), {
  config,
  service: 'federation',
});
