import { GovdataError } from '@govdata/platform-errors';
import type { z } from 'zod';

/** Parses a request part with a zod schema; a failure is a 400 naming each field and rule. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw GovdataError.fromZod(result.error, prefix);
  return result.data;
}
