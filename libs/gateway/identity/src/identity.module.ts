import { Module } from '@nestjs/common';
import type { NodeConfig } from '@govdata/platform-config';
import { RedisTokenRevocations, type GovdataRedis } from '@govdata/platform-redis';
import { NODE_CONFIG, REDIS } from '@govdata/platform-service';
import { TrustedProxies } from './auth/client-address.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { TokenController } from './auth/token.controller.js';
import { TokenService } from './auth/token.service.js';
import { BrowserSessionStore } from './browser-sessions/browser-session.store.js';
import { BrowserSessions } from './browser-sessions/browser-sessions.js';
import { LoginController } from './browser-sessions/login.controller.js';
import { IdentityBootstrap } from './identity.bootstrap.js';
import { MeController } from './me/me.controller.js';
import { OrganisationDirectoryGrpcController } from './organisations/organisation-directory.grpc.controller.js';
import { OrganisationRepository } from './organisations/organisation.repository.js';
import { OrganisationService } from './organisations/organisation.service.js';
import { OrganisationsController } from './organisations/organisations.controller.js';
import { ServiceAccountRepository } from './service-accounts/service-account.repository.js';
import { ServiceAccountsController } from './service-accounts/service-accounts.controller.js';
import { SessionRepository } from './sessions/session.repository.js';
import { Sessions, TOKEN_REVOCATIONS } from './sessions/sessions.js';
import { SessionsController } from './sessions/sessions.controller.js';
import { NodeSigningKey } from './signing/node-signing-key.js';
import { WellKnownController } from './signing/well-known.controller.js';
import { UserRepository } from './users/user.repository.js';
import { UserService } from './users/user.service.js';
import { UsersController } from './users/users.controller.js';

/**
 * 分域分级 identity of a node, served by its gateway: organisations, people and service accounts,
 * the token endpoint and the node's signing key (JWKS, OpenID discovery), and the portal's sign-in
 * (browser sessions).
 */
@Module({
  controllers: [
    TokenController,
    LoginController,
    SessionsController,
    WellKnownController,
    MeController,
    OrganisationsController,
    UsersController,
    ServiceAccountsController,
    OrganisationDirectoryGrpcController,
  ],
  providers: [
    {
      provide: NodeSigningKey,
      inject: [NODE_CONFIG],
      useFactory: (config: NodeConfig) => NodeSigningKey.loadOrCreate(config.node.dataDir, config.crypto?.profile),
    },
    {
      provide: TOKEN_REVOCATIONS,
      inject: [NODE_CONFIG, REDIS],
      useFactory: (config: NodeConfig, redis: GovdataRedis) => new RedisTokenRevocations(redis, config.redis.keyPrefix),
    },
    TrustedProxies,
    LoginThrottle,
    SessionRepository,
    BrowserSessionStore,
    Sessions,
    TokenService,
    BrowserSessions,
    OrganisationRepository,
    OrganisationService,
    UserRepository,
    UserService,
    ServiceAccountRepository,
    IdentityBootstrap,
  ],
  exports: [NodeSigningKey, OrganisationService, BrowserSessions],
})
export class IdentityModule {}
