import { Controller } from '@nestjs/common';
import { federationRoutingV1 } from '@govdata/contracts';
import { AllowedCallers } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import { Router } from './router.js';
import { RoutingInputProblem } from './routing.exception.js';

/**
 * govdata.federation.v1.RoutingService — this node's services ask the federation to carry a call.
 * A carried call speaks for the node: only the services that make calls to other nodes may ask.
 */
@Controller()
@AllowedCallers({ services: ['exchange', 'demand', 'catalog', 'open-data'] })
@federationRoutingV1.RoutingServiceControllerMethods()
export class RoutingGrpcController implements federationRoutingV1.RoutingServiceController {
  constructor(private readonly router: Router) {}

  async call(request: federationRoutingV1.CallRequest): Promise<federationRoutingV1.CallResponse> {
    const call = request.call;
    if (!call)
      throw GovdataError.validation([
        { path: 'call', rule: RoutingInputProblem.Required, message: '必填 (is required)' },
      ]);
    if (!call.destination || !call.service || !call.method) {
      throw GovdataError.validation([
        {
          path: 'call.destination',
          rule: RoutingInputProblem.Required,
          message: 'destination、service 和 method 均为必填 (destination, service and method are required)',
        },
      ]);
    }
    return { reply: await this.router.fromLocal(call) };
  }
}
