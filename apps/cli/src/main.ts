import 'reflect-metadata';
import { Command } from 'commander';
import { DEMO_ENV, withDemoSeeds } from '@govdata/demo-seed';
import { ConfigError, loadNodeConfig, SERVICE_NAMES } from '@govdata/platform-config';
import { migrateNode, SERVICE_DEFINITIONS, startNode } from '@govdata/node-runtime';
import { loadConfigOrExit, runUntilSignalled } from '@govdata/platform-service';
import { runInfra } from './infra.command.js';
import { runDemo } from './demo.command.js';
import { registerFederationCommands, registerNodeEnrolmentCommands } from './federation.command.js';
import { registerGrpcCommands } from './grpc.command.js';

/** `govdata` — the operator's command line. */
const program = new Command('govdata')
  .description('govdata: 全国一体化政务大数据体系 node operations')
  .showHelpAfterError();

program
  .command('migrate')
  .description('create the node database, one schema and role per service, and apply migrations')
  .requiredOption('--config <file>', 'node.yaml', process.env['GOVDATA_CONFIG'])
  .action(async (options: { config: string }) => {
    const config = loadConfigOrExit(options.config);
    const applied = await migrateNode(config);
    for (const [service, names] of Object.entries(applied)) {
      process.stdout.write(
        `${service.padEnd(11)} ${names.length === 0 ? 'up to date' : `applied ${names.join(', ')}`}\n`,
      );
    }
  });

const node = program.command('node').description('run a node');
node
  .command('start')
  .description('run every service of the node in this process')
  .requiredOption('--config <file>', 'node.yaml', process.env['GOVDATA_CONFIG'])
  .action(async (options: { config: string }) => {
    const config = loadConfigOrExit(options.config);
    // The demo launcher starts its nodes with GOVDATA_DEMO=1: they run with the demo seed added
    // (demo organisations and accounts, the demo catalog). A real node never carries it.
    const definitions = process.env[DEMO_ENV] === '1' ? withDemoSeeds(SERVICE_DEFINITIONS) : SERVICE_DEFINITIONS;
    await runUntilSignalled((c, logger) => startNode(c, logger, SERVICE_NAMES, definitions), {
      config,
      service: 'node',
    });
  });

registerNodeEnrolmentCommands(node);
registerFederationCommands(program);
registerGrpcCommands(program);

program
  .command('config')
  .description('check a node.yaml and print the effective configuration')
  .argument('<action>', 'check')
  .requiredOption('--config <file>', 'node.yaml', process.env['GOVDATA_CONFIG'])
  .action((_action: string, options: { config: string }) => {
    try {
      const config = loadNodeConfig(options.config);
      const shown = {
        ...config,
        postgres: { ...config.postgres, servicePassword: config.postgres.servicePassword ? '<hidden>' : '' },
      };
      process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
    }
  });

program
  .command('infra')
  .description('local PostgreSQL, Redis and Kafka without Docker')
  .argument('<action>', 'up | down | status')
  .action((action: string) => {
    process.exitCode = runInfra(action);
  });

program
  .command('demo')
  .description('run the demo federation: national, Jiangxi, Nanchang and a ministry, each its own process')
  .argument('<action>', 'start')
  .option('--nodes <codes>', 'comma-separated node codes to run (default: all four)')
  .option('--clean', "drop the demo nodes' databases, Redis keys, Kafka topics and data directories first")
  .action(async (_action: string, options: { nodes?: string; clean?: boolean }) => {
    await runDemo({ only: options.nodes?.split(','), clean: options.clean });
  });

await program.parseAsync(process.argv);
