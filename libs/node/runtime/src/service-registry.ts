import { analyticsService } from '@govdata/analytics-feature';
import { catalogService } from '@govdata/catalog-feature';
import { demandService } from '@govdata/demand-feature';
import { exchangeService } from '@govdata/exchange-feature';
import { federationService } from '@govdata/federation-feature';
import { gatewayService } from '@govdata/gateway-node';
import { governanceService } from '@govdata/governance-feature';
import { openDataService } from '@govdata/open-data-feature';
import type { ServiceName } from '@govdata/platform-config';
import type { ServiceDefinition } from '@govdata/platform-service';

/** Every service a node runs, by name. */
export const SERVICE_DEFINITIONS: Record<ServiceName, ServiceDefinition> = {
  gateway: gatewayService,
  catalog: catalogService,
  demand: demandService,
  exchange: exchangeService,
  governance: governanceService,
  'open-data': openDataService,
  analytics: analyticsService,
  federation: federationService,
};
