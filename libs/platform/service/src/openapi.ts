import { applyDecorators, type INestApplication } from '@nestjs/common';
import { SERVICE_NAMES, type ServiceName } from '@govdata/platform-config';
import {
  ApiBody,
  ApiExtension,
  ApiResponse,
  DocumentBuilder,
  SwaggerModule,
  type OpenAPIObject,
} from '@nestjs/swagger';
import { z } from 'zod';

/** Where a service publishes its OpenAPI document; through the gateway for every service. */
export function openApiPath(service: ServiceName): string {
  return `/api/v1/${service}/openapi.json`;
}

/**
 * The service's OpenAPI 3 document, from its controllers' routes and their `@ApiBody`/`@ApiOperation`
 * metadata, served without a token at {@link openApiPath}.
 */
export function serveOpenApi(app: INestApplication, service: ServiceName): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`govdata ${service}`)
      .setDescription(`全国一体化政务大数据体系 — the ${service} service of a govdata node.`)
      .setVersion('v1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  app.getHttpAdapter().get(openApiPath(service), (_req: unknown, res: { json(body: unknown): void }) => {
    res.json(document);
  });
  return document;
}

/** Swagger UI at `/api/docs` on the gateway, with every service's document to choose from. */
export function serveApiDocs(app: INestApplication, gatewayDocument: OpenAPIObject): void {
  SwaggerModule.setup('api/docs', app, gatewayDocument, {
    explorer: true,
    customSiteTitle: 'govdata API 文档',
    swaggerOptions: {
      urls: SERVICE_NAMES.map((name) => ({ url: openApiPath(name), name })),
      'urls.primaryName': 'catalog',
      persistAuthorization: true,
    },
  });
}

/** Documents a request body with the JSON Schema of the zod schema the handler parses it with. */
export const ApiZodBody = (schema: z.ZodType, description?: string): MethodDecorator =>
  ApiBody({ schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as object, description });

/**
 * The rule codes an operation can answer with in a 422's `errors[].rule`, listed in its OpenAPI
 * operation (`x-problem-codes` and the 422 response's schema) so a client can switch on them. Pass
 * the values of the feature's rule enum (`EntryRule.SystemExists`, …), never a string literal.
 */
export const ApiProblems = (...codes: readonly string[]): MethodDecorator & ClassDecorator => {
  const unique = [...new Set(codes)].sort();
  return applyDecorators(
    ApiExtension('x-problem-codes', unique),
    ApiResponse({
      status: 422,
      description: `违反业务规则 (rule violated): errors[].rule is one of ${unique.join(', ')}`,
      content: {
        'application/problem+json': {
          schema: {
            type: 'object',
            required: ['type', 'title', 'status', 'code'],
            properties: {
              type: { type: 'string' },
              title: { type: 'string' },
              status: { type: 'integer', enum: [422] },
              detail: { type: 'string' },
              code: { type: 'string', enum: ['rule_violated'] },
              errors: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['path', 'rule', 'message'],
                  properties: {
                    path: { type: 'string' },
                    rule: { type: 'string', enum: unique },
                    message: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      },
    }),
  );
};

/** The codes {@link ApiProblems} listed on every operation of a document, for tests and clients. */
export function problemCodesOf(document: OpenAPIObject): Map<string, string[]> {
  const listed = new Map<string, string[]>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item as Record<string, unknown>)) {
      const codes = (operation as { 'x-problem-codes'?: string[] } | undefined)?.['x-problem-codes'];
      if (Array.isArray(codes)) listed.set(`${method.toUpperCase()} ${path}`, codes);
    }
  }
  return listed;
}
