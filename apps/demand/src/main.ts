import 'reflect-metadata';
import { demandService } from '@govdata/demand-feature';
import { configPathFromArgs, loadConfigOrExit, runUntilSignalled, startService } from '@govdata/platform-service';

// The demand service on its own: `node --import ./tools/register.mjs dist/apps/demand/src/main.js --config node.yaml`.
// Its database role and schema come from `govdata migrate` (run first; it needs the admin URL).
const config = loadConfigOrExit(configPathFromArgs());
await runUntilSignalled(() => startService(demandService, config, { provision: false }), { config, service: 'demand' });
