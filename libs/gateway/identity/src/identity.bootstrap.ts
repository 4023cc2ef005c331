import { Inject, Injectable, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import type { NodeConfig } from '@govdata/platform-config';
import { EventPublisher } from '@govdata/platform-messaging';
import { LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { bootstrapIdentity } from './bootstrap/bootstrap-admin.js';
import { Sessions } from './sessions/sessions.js';
import { NodeSigningKey } from './signing/node-signing-key.js';

/**
 * Organisations and accounts a launcher adds at start, before the first-run bootstrap (so an `admin`
 * it creates keeps its password). Production nodes have none; the demo launcher provides the demo's
 * (`@govdata/demo-seed`). It runs in a transaction under the identity bootstrap's advisory lock.
 */
export interface IdentitySeed {
  seed(log: Logger): Promise<void>;
}

/** Injection token of the optional {@link IdentitySeed}. */
export const IDENTITY_SEED = Symbol('IDENTITY_SEED');

/**
 * At start: the identity seed when one is provided (the demo's), then the first-run bootstrap
 * (root organisation, `admin` while no node-admin exists). Both run in a transaction under an
 * advisory lock, so replicas starting together do the work once.
 */
@Injectable()
export class IdentityBootstrap implements OnApplicationBootstrap {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    private readonly signingKey: NodeSigningKey,
    private readonly sessions: Sessions,
    @Optional() @Inject(IDENTITY_SEED) private readonly identitySeed?: IdentitySeed,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const log = this.logger.child({ component: 'identity' });
    if (this.signingKey.warning) {
      log.warn(this.signingKey.warning, 'the token-signing key file is readable by other users; chmod 600 it');
    }
    log.info({ kid: this.signingKey.kid }, 'token-signing key loaded');
    if (this.identitySeed) await this.identitySeed.seed(log);
    await bootstrapIdentity(this.dataSource, this.publisher, this.config, log);
    await this.sessions.restore(log);
  }
}
