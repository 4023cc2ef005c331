import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../passwords/password-policy.js';

export const GRANT_TYPES = ['password', 'client_credentials'] as const;

export const passwordGrant = z.object({
  grant_type: z.literal('password'),
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  scope: z.string().optional(),
});

export const clientCredentialsGrant = z.object({
  grant_type: z.literal('client_credentials'),
  client_id: z.string().min(1).max(100),
  client_secret: z.string().min(1).max(200),
  scope: z.string().optional(),
});

/** RFC 6749 §5.1 successful response. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}
