import { Inject, Injectable } from '@nestjs/common';
import {
  isDueForRenewal,
  NodeCertificateError,
  NodePkiStore,
  renewalDueAt,
  RevocationList,
  splitPemBundle,
  verifyNodeChain,
} from '@govdata/federation-pki';
import type { NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource, type EntityManager } from 'typeorm';
import { AntiEntropyRepository, type SetVerification } from '../anti-entropy/anti-entropy.repository.js';
import { CrlSigner } from './crl-signer.js';
import { RegistryRepository, type ChildNode } from './registry.repository.js';

/** A signed CRL is re-signed after this long even without a change (it says "next update: 1 day"). */
const CRL_RESIGN_MS = 12 * 3_600_000;

/**
 * The children this node certified and its own identity, and the signed CRL (revoking a child is
 * `RevokeChildUseCase`).
 */
@Injectable()
export class RegistryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: RegistryRepository,
    private readonly antiEntropy: AntiEntropyRepository,
    private readonly crlSigner: CrlSigner,
    private readonly store: NodePkiStore,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async children() {
    const now = new Date();
    const m = this.dataSource.manager;
    const verifications = new Map<string, SetVerification[]>();
    for (const v of await this.antiEntropy.verifications(m)) {
      verifications.set(v.childCode, [...(verifications.get(v.childCode) ?? []), v]);
    }
    return (await this.registry.children(m)).map((c) => ({
      ...childView(c, now),
      antiEntropy: antiEntropySummary(verifications.get(c.code) ?? []),
    }));
  }

  /** The signed CRL (PEM); signed afresh when there is none yet or the last one is half a day old. */
  async crl(): Promise<string> {
    const issuerCode = this.config.node.code;
    return this.dataSource.transaction(async (m) => {
      const state = await this.registry.lockRevocationList(m, issuerCode);
      if (state.crlPem && state.signedAt && Date.now() - state.signedAt.getTime() < CRL_RESIGN_MS) return state.crlPem;
      const pem = await this.crlSigner.sign(await this.currentList(m, issuerCode, state.number));
      await this.registry.saveRevocationList(m, issuerCode, state.number, pem);
      return pem;
    });
  }

  /** This node: its code, its certificate (if its parent has signed one yet), renewal and parent. */
  async node() {
    const { code, name, level, parent } = this.config.node;
    const base = { code, name, level, parentCode: parent?.code ?? null };
    const generation = await this.store.activeGeneration();
    if (!generation) return { ...base, certificate: 'none' as const, hint: 'run `govdata node init`' };
    let identity;
    try {
      identity = await this.store.loadTlsIdentity();
    } catch (error) {
      if (!(error instanceof NodeCertificateError)) throw error;
      return { ...base, certificate: 'requested' as const, keyGeneration: generation, hint: error.message };
    }
    const [leaf, ...chain] = splitPemBundle(identity.certificateChainPem);
    try {
      const verified = await verifyNodeChain(leaf!, chain, identity.trustedRootPem);
      return {
        ...base,
        certificate: 'valid' as const,
        keyGeneration: generation,
        certificateSerial: verified.serial,
        issuerCode: verified.issuerCode,
        path: verified.path,
        notBefore: verified.notBefore.toISOString(),
        notAfter: verified.notAfter.toISOString(),
        renewalDueAt: renewalDueAt(verified).toISOString(),
        renewalDue: isDueForRenewal(verified),
      };
    } catch (error) {
      if (!(error instanceof NodeCertificateError)) throw error;
      return {
        ...base,
        certificate: 'invalid' as const,
        keyGeneration: generation,
        problem: error.problem,
        hint: error.message,
      };
    }
  }

  private async currentList(m: EntityManager, issuerCode: string, number: number): Promise<RevocationList> {
    return new RevocationList(issuerCode, await this.registry.revocations(m), number);
  }
}

/** The last comparison with a child in one line: every set in sync, when last compared and verified. */
function antiEntropySummary(sets: SetVerification[]) {
  if (sets.length === 0) return null;
  const times = (pick: (v: SetVerification) => Date | null) =>
    sets
      .map(pick)
      .filter((d): d is Date => d !== null)
      .sort((a, b) => a.getTime() - b.getTime());
  return {
    inSync: sets.every((v) => v.inSync),
    sets: sets.length,
    records: sets.reduce((sum, v) => sum + v.parentCount, 0),
    comparedAt:
      times((v) => v.comparedAt)
        .at(-1)
        ?.toISOString() ?? null,
    // The oldest of the sets' last verifications: everything was verified at least then.
    verifiedAt: sets.every((v) => v.verifiedAt) ? times((v) => v.verifiedAt)[0]!.toISOString() : null,
  };
}

/** A registry row as operators see it: certificate state, and what the links report (last seen, lag, version). */
export function childView(c: ChildNode, now: Date) {
  const lifetime = c.notBefore && c.notAfter ? { notBefore: c.notBefore, notAfter: c.notAfter } : null;
  return {
    code: c.code,
    name: c.name,
    level: c.level,
    status: c.status,
    certificateSerial: c.certificateSerial,
    notAfter: c.notAfter?.toISOString() ?? null,
    renewalDueAt: lifetime ? renewalDueAt(lifetime).toISOString() : null,
    renewalDue: lifetime && c.status === 'active' ? isDueForRenewal(lifetime, now) : false,
    revokedAt: c.revokedAt?.toISOString() ?? null,
    revokeReason: c.revokeReason,
    lastSeenAt: c.lastSeenAt?.toISOString() ?? null,
    lagSeconds: c.lagSeconds,
    softwareVersion: c.softwareVersion,
  };
}
