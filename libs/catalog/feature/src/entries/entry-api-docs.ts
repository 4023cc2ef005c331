import { ApiBody } from '@nestjs/swagger';
import { z } from 'zod';
import { entryContentSchema } from './entry-content.js';

/** The content schema as JSON Schema, so the OpenAPI document says exactly what the API checks. */
const contentJsonSchema = z.toJSONSchema(entryContentSchema, { io: 'input', unrepresentable: 'any' });

const transitionJsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    reason: { type: 'string', maxLength: 2000, description: '原因 — required to retire; shown in the history' },
    fieldReasons: {
      type: 'array',
      description: '退回原因 per field — required to return an entry',
      items: {
        type: 'object',
        required: ['field', 'reason'],
        properties: { field: { type: 'string', example: 'sharing.conditions' }, reason: { type: 'string' } },
      },
    },
  },
};

export const ApiCreateEntryBody = () =>
  ApiBody({
    schema: {
      type: 'object',
      required: ['content'],
      additionalProperties: false,
      properties: {
        organisationId: {
          type: 'string',
          format: 'uuid',
          description: '提供方; defaults to the caller’s organisation',
        },
        content: contentJsonSchema as object,
      },
    },
  });

export const ApiUpdateEntryBody = () =>
  ApiBody({
    schema: {
      type: 'object',
      required: ['content'],
      additionalProperties: false,
      properties: { content: contentJsonSchema as object },
    },
  });

export const ApiTransitionBody = () => ApiBody({ required: false, schema: transitionJsonSchema });
