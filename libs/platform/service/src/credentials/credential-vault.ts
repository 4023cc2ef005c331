import { Inject, Injectable } from '@nestjs/common';
import type { NodeConfig } from '@govdata/platform-config';
import { LOGGER, NODE_CONFIG } from '../platform.tokens.js';
import type { Logger } from 'pino';
import { cryptoProfile, type AeadName } from '@govdata/platform-crypto';
import { CredentialKey, parseSealed } from './credential-key.js';

/**
 * Seals and opens credentials (data source passwords, API keys) with the node's credential key,
 * loaded — or created — the first time one is needed. Each service that stores credentials lists it
 * among its providers.
 *
 * It seals with the AEAD of the node's `crypto.profile` (AES-256-GCM, or SM4 under `sm`) and opens a
 * value with the key of the algorithm the value names, so values sealed before a change of profile
 * keep opening.
 */
@Injectable()
export class CredentialVault {
  private readonly keys = new Map<AeadName, Promise<CredentialKey>>();

  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async seal(plaintext: string, context: string): Promise<string> {
    return (await this.loadKey(this.sealingAlgorithm())).seal(plaintext, context);
  }

  async open(sealed: string, context: string): Promise<string> {
    return (await this.loadKey(parseSealed(sealed).algorithm)).open(sealed, context);
  }

  private sealingAlgorithm(): AeadName {
    return cryptoProfile(this.config.crypto?.profile).aead.name;
  }

  private loadKey(algorithm: AeadName): Promise<CredentialKey> {
    const existing = this.keys.get(algorithm);
    if (existing) return existing;
    // The key of the node's own profile is created on first use; another algorithm's must exist.
    const { dataDir } = this.config.node;
    const loading =
      algorithm === this.sealingAlgorithm()
        ? CredentialKey.loadOrCreate(dataDir, algorithm)
        : CredentialKey.load(dataDir, algorithm);
    const key = loading.then((key) => {
      if (key.warning) {
        this.logger.warn(
          key.warning,
          'the node credential key file is readable by others than its owner; chmod 600 it',
        );
      }
      return key;
    });
    this.keys.set(algorithm, key);
    // A failed load is not remembered: the next request tries again (and reports the cause again).
    key.catch(() => this.keys.delete(algorithm));
    return key;
  }
}
