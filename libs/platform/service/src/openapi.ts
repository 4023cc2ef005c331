import type { INestApplication } from '@nestjs/common';
import { SERVICE_NAMES, type ServiceName } from '@govdata/platform-config';
import { ApiBody, DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
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
