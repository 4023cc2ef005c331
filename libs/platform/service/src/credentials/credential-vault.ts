import { Inject, Injectable } from '@nestjs/common';
import type { NodeConfig } from '@govdata/platform-config';
import { LOGGER, NODE_CONFIG } from '../platform.tokens.js';
import type { Logger } from 'pino';
import { CredentialKey } from './credential-key.js';

/**
 * Seals and opens credentials (data source passwords, API keys) with the node's credential key,
 * loaded — or created — the first time one is needed. Each service that stores credentials lists it
 * among its providers.
 */
@Injectable()
export class CredentialVault {
  private key?: Promise<CredentialKey>;

  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async seal(plaintext: string, context: string): Promise<string> {
    return (await this.loadKey()).seal(plaintext, context);
  }

  async open(sealed: string, context: string): Promise<string> {
    return (await this.loadKey()).open(sealed, context);
  }

  private loadKey(): Promise<CredentialKey> {
    this.key ??= CredentialKey.loadOrCreate(this.config.node.dataDir).then((key) => {
      if (key.warning) {
        this.logger.warn(
          key.warning,
          'the node credential key file is readable by others than its owner; chmod 600 it',
        );
      }
      return key;
    });
    // A failed load is not remembered: the next request tries again (and reports the cause again).
    this.key.catch(() => (this.key = undefined));
    return this.key;
  }
}
