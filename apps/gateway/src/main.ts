import 'reflect-metadata';
import { gatewayService } from '@govdata/gateway-node';
import { configPathFromArgs, loadConfigOrExit, runUntilSignalled, startService } from '@govdata/platform-service';

// The gateway service on its own: `node --import ./tools/register.mjs dist/apps/gateway/src/main.js --config node.yaml`.
// Its database role and schema come from `govdata migrate` (run first; it needs the admin URL).
const config = loadConfigOrExit(configPathFromArgs());
await runUntilSignalled(() => startService(gatewayService, config, { provision: false }), {
  config,
  service: 'gateway',
});
