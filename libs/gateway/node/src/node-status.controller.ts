import { Controller, Get } from '@nestjs/common';
import { Public } from '@govdata/platform-auth';
import { NodeStatusService, type NodeStatus } from './node-status.service.js';

@Controller('api/v1/node')
export class NodeStatusController {
  constructor(private readonly nodes: NodeStatusService) {}

  /** This node: code, name, level, parent and the state of each of its services. */
  @Get()
  @Public()
  status(): Promise<NodeStatus> {
    return this.nodes.status();
  }
}
