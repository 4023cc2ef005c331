import type { Command } from 'commander';
import { SERVICE_NAMES, type ServiceName } from '@govdata/platform-config';
import { checkGrpcHealth } from '@govdata/platform-grpc';
import { loadConfigOrExit } from '@govdata/platform-service';

/**
 * `govdata grpc health`: the grpc.health.v1 status of each service of a node, on the gRPC ports of
 * its node.yaml (internal: they listen on `serviceHost`) — what `grpcurl … grpc.health.v1.Health/Check`
 * would show, without installing grpcurl.
 */
export function registerGrpcCommands(program: Command): void {
  const grpc = program.command('grpc').description("the node's internal gRPC ports");
  grpc
    .command('health')
    .description('grpc.health.v1 Check on every service of the node (or --service)')
    .requiredOption('--config <file>', 'node.yaml', process.env['GOVDATA_CONFIG'])
    .option('--service <name>', `one of ${SERVICE_NAMES.join(', ')}`)
    .action(async (options: { config: string; service?: string }) => {
      const config = loadConfigOrExit(options.config);
      if (options.service && !SERVICE_NAMES.includes(options.service as ServiceName)) {
        process.stderr.write(`--service = "${options.service}": expected one of ${SERVICE_NAMES.join(', ')}\n`);
        process.exitCode = 2;
        return;
      }
      const services = options.service ? [options.service as ServiceName] : SERVICE_NAMES;
      let healthy = true;
      for (const service of services) {
        const address = `${config.serviceHost}:${config.services[service].grpc}`;
        const state = await checkGrpcHealth(address, '', 2_000);
        healthy &&= state === 'SERVING';
        process.stdout.write(`${service.padEnd(11)} ${address.padEnd(16)} ${state}\n`);
      }
      if (!healthy) process.exitCode = 1;
    });
}
