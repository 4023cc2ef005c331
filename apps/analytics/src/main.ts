import 'reflect-metadata';
import { analyticsService } from '@govdata/analytics-feature';
import { configPathFromArgs, loadConfigOrExit, runUntilSignalled, startService } from '@govdata/platform-service';

// The analytics service on its own: `node --import ./tools/register.mjs dist/apps/analytics/src/main.js --config node.yaml`.
// Its database role and schema come from `govdata migrate` (run first; it needs the admin URL).
const config = loadConfigOrExit(configPathFromArgs());
await runUntilSignalled(() => startService(analyticsService, config, { provision: false }), {
  config,
  service: 'analytics',
});
