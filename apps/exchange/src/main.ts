import 'reflect-metadata';
import { exchangeService } from '@govdata/exchange-feature';
import { configPathFromArgs, loadConfigOrExit, runUntilSignalled, startService } from '@govdata/platform-service';

// The exchange service on its own: `node --import ./tools/register.mjs dist/apps/exchange/src/main.js --config node.yaml`.
// Its database role and schema come from `govdata migrate` (run first; it needs the admin URL).
const config = loadConfigOrExit(configPathFromArgs());
await runUntilSignalled(() => startService(exchangeService, config, { provision: false }), {
  config,
  service: 'exchange',
});
