import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { NodeConfig } from '@govdata/platform-config';
import { EventPublisher } from '@govdata/platform-messaging';
import { LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { bootstrapIdentity } from './bootstrap/bootstrap-admin.js';
import { DEMO_ENV, seedDemoIdentity } from './bootstrap/demo-identity.js';
import { Sessions } from './sessions/sessions.js';
import { NodeSigningKey } from './signing/node-signing-key.js';

/**
 * At start: the demo seed when GOVDATA_DEMO=1 (first, so `admin` gets the demo password), then the
 * first-run bootstrap (root organisation, `admin` while no node-admin exists). Both run in a
 * transaction under an advisory lock, so replicas starting together do the work once.
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
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const log = this.logger.child({ component: 'identity' });
    if (this.signingKey.warning) {
      log.warn(this.signingKey.warning, 'the token-signing key file is readable by other users; chmod 600 it');
    }
    log.info({ kid: this.signingKey.kid }, 'token-signing key loaded');
    if (process.env[DEMO_ENV] === '1') {
      const seeded = await seedDemoIdentity(this.dataSource, this.publisher, this.config);
      log.warn(
        { ...seeded },
        `${DEMO_ENV}=1: demo organisations and accounts present, with the public demo password (never on a real node)`,
      );
    }
    await bootstrapIdentity(this.dataSource, this.publisher, this.config, log);
    await this.sessions.restore(log);
  }
}
