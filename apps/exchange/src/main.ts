import 'reflect-metadata';
import { exchangeService } from '@govdata/exchange-feature';
import { configPathFromArgs, loadConfigOrExit, runUntilSignalled, startService } from '@govdata/platform-service';

// The exchange service on its own: `node --import ./tools/register.mjs dist/apps/exchange/src/main.js --config node.yaml`.
const config = loadConfigOrExit(configPathFromArgs());
await runUntilSignalled(() => startService(exchangeService, config), { config, service: 'exchange' });
