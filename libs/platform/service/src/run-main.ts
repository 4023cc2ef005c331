import { ConfigError, loadNodeConfig, type NodeConfig } from '@govdata/platform-config';
import { createLogger } from '@govdata/platform-logging';
import type { Logger } from 'pino';

/** The config path: `--config <file>`, else GOVDATA_CONFIG, else ./node.yaml. */
export function configPathFromArgs(argv: readonly string[] = process.argv): string {
  const index = argv.indexOf('--config');
  if (index >= 0 && argv[index + 1]) return argv[index + 1]!;
  return process.env['GOVDATA_CONFIG'] ?? 'node.yaml';
}

/** Loads config or exits with status 2 and a message naming each bad key. */
export function loadConfigOrExit(path: string): NodeConfig {
  try {
    return loadNodeConfig(path);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/**
 * Runs something long-lived until SIGINT/SIGTERM, then stops it gracefully; a second signal or a
 * stop that hangs past the deadline exits at once.
 */
export async function runUntilSignalled(
  start: (config: NodeConfig, logger: Logger) => Promise<{ close(): Promise<void> }>,
  options: { config: NodeConfig; service: string; stopDeadlineMs?: number },
): Promise<void> {
  const logger = createLogger({
    node: options.config.node.code,
    service: options.service,
    level: options.config.log.level,
  });
  let running: { close(): Promise<void> };
  try {
    running = await start(options.config, logger);
  } catch (error) {
    logger.fatal({ err: error }, 'failed to start');
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(130);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error('graceful shutdown exceeded its deadline; exiting');
      process.exit(1);
    }, options.stopDeadlineMs ?? 30_000);
    deadline.unref();
    await running.close();
    logger.info('shut down cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
