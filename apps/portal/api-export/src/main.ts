import 'reflect-metadata';
import { Global, Module, type INestApplication, type InjectionToken } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SERVICE_DEFINITIONS } from '@govdata/node-runtime';
import { SERVICE_NAMES, type ServiceName } from '@govdata/platform-config';
import { serveOpenApi } from '@govdata/platform-service';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Writes each service's OpenAPI document (`<service>.openapi.json`) into the folder named by the
 * first argument, without a database, Redis, Kafka or a listening port: the portal's API client is
 * generated from these (tools/portal-api.sh), so it can be regenerated and checked on any machine.
 *
 * Each service's modules are built in Nest's preview mode: the graph of modules and controllers is
 * scanned but no provider is instantiated, which is all `SwaggerModule.createDocument` reads. Nest
 * still checks that every dependency has a provider, so what the platform would provide at start
 * (configuration, data source, Redis, event bus, verifier…) is supplied as an empty placeholder,
 * learnt from the error naming the missing token — the list is never written down here to drift.
 */
async function exportDocument(service: ServiceName, folder: string): Promise<string> {
  const app = await createPreviewApp(service);
  try {
    const document = serveOpenApi(app, service);
    const file = join(folder, `${service}.openapi.json`);
    await writeFile(file, `${JSON.stringify(document, null, 2)}\n`);
    return file;
  } finally {
    await app.close();
  }
}

/** Missing dependencies one service's graph may name before it is complete; more means a loop. */
const MAX_PLACEHOLDERS = 100;

async function createPreviewApp(service: ServiceName): Promise<INestApplication> {
  const placeholders: InjectionToken[] = [];
  for (;;) {
    @Global()
    @Module({
      providers: placeholders.map((token) => ({ provide: token, useValue: {} })),
      exports: [...placeholders],
    })
    class PlatformPlaceholderModule {}

    @Module({ imports: [PlatformPlaceholderModule, ...SERVICE_DEFINITIONS[service].imports] })
    class ExportRootModule {}

    try {
      return await NestFactory.create(ExportRootModule, { preview: true, logger: false, abortOnError: false });
    } catch (error) {
      const missing = missingToken(error);
      if (missing === undefined || placeholders.includes(missing) || placeholders.length >= MAX_PLACEHOLDERS) {
        throw error;
      }
      placeholders.push(missing);
    }
  }
}

/** The token Nest's UnknownDependenciesException names (its `context.name`), if it is one. */
function missingToken(error: unknown): InjectionToken | undefined {
  if (!(error instanceof Error) || error.constructor.name !== 'UnknownDependenciesException') return undefined;
  const name = (error as Error & { context?: { name?: unknown } }).context?.name;
  return typeof name === 'string' || typeof name === 'symbol' || typeof name === 'function'
    ? (name as InjectionToken)
    : undefined;
}

const folder = resolve(process.argv[2] ?? '.');
await mkdir(folder, { recursive: true });
for (const service of SERVICE_NAMES) console.log(`openapi: ${await exportDocument(service, folder)}`);
// Some feature modules open timers or clients when imported; the documents are written, so end here.
process.exit(0);
