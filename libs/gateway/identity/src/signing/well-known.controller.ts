import { Controller, Get, Header, Inject } from '@nestjs/common';
import { jwksUriFor, Public } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { JSONWebKeySet } from 'jose';
import { GRANT_TYPES } from '../auth/token.dto.js';
import { NodeSigningKey } from './node-signing-key.js';

/** OpenID Provider metadata this node publishes (the subset that applies to it). */
export interface ProviderMetadata {
  issuer: string;
  jwks_uri: string;
  token_endpoint: string;
  grant_types_supported: readonly string[];
  token_endpoint_auth_methods_supported: string[];
  id_token_signing_alg_values_supported: string[];
  subject_types_supported: string[];
  claims_supported: string[];
}

/** The node's issuer discovery: who signs its tokens and with which keys (public). */
@Controller('.well-known')
export class WellKnownController {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly signingKey: NodeSigningKey,
  ) {}

  @Get('jwks.json')
  @Public()
  @Header('Cache-Control', 'public, max-age=300')
  jwks(): JSONWebKeySet {
    return { keys: this.signingKey.publicJwks() };
  }

  @Get('openid-configuration')
  @Public()
  @Header('Cache-Control', 'public, max-age=300')
  openidConfiguration(): ProviderMetadata {
    const issuer = this.config.identity.issuer;
    return {
      issuer,
      jwks_uri: jwksUriFor(issuer),
      token_endpoint: `${issuer.replace(/\/$/, '')}/api/v1/auth/token`,
      grant_types_supported: GRANT_TYPES,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      id_token_signing_alg_values_supported: [this.signingKey.algorithm],
      subject_types_supported: ['public'],
      claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'jti', 'kind', 'org', 'node', 'roles', 'name'],
    };
  }
}
