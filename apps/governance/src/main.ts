import 'reflect-metadata';
import { governanceService } from '@govdata/governance-feature';
import { configPathFromArgs, loadConfigOrExit, runUntilSignalled, startService } from '@govdata/platform-service';

// The governance service on its own: `node --import ./tools/register.mjs dist/apps/governance/src/main.js --config node.yaml`.
// Its database role and schema come from `govdata migrate` (run first; it needs the admin URL).
const config = loadConfigOrExit(configPathFromArgs());
await runUntilSignalled(() => startService(governanceService, config, { provision: false }), {
  config,
  service: 'governance',
});
