import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { IDENTITY_SEED, type IdentitySeed } from '@govdata/gateway-identity';
import type { NodeConfig } from '@govdata/platform-config';
import { EventPublisher } from '@govdata/platform-messaging';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { DEMO_ENV, seedDemoIdentity } from './demo-identity.js';

/** DEMO ONLY — the gateway's identity seed on a demo node: the demo organisations and accounts. */
@Injectable()
export class DemoIdentitySeed implements IdentitySeed {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
  ) {}

  async seed(log: Logger): Promise<void> {
    const seeded = await seedDemoIdentity(this.dataSource, this.publisher, this.config);
    log.warn(
      { ...seeded },
      `${DEMO_ENV}=1: demo organisations and accounts present, with the public demo password (never on a real node)`,
    );
  }
}

/**
 * DEMO ONLY — added to the gateway by the demo launcher (see `withDemoSeed`): gives the identity
 * bootstrap its seed (`IDENTITY_SEED`). Global, because the identity module looks the seed up.
 */
@Global()
@Module({
  providers: [{ provide: IDENTITY_SEED, useClass: DemoIdentitySeed }],
  exports: [IDENTITY_SEED],
})
export class DemoIdentityModule {}
