import { chmod, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createKeyFileOnce, replaceFileAtomically } from '@govdata/platform-crypto';
import { ErrorCode } from '@govdata/platform-errors';
import {
  joinPemBundle,
  nodeOfCertificate,
  parseCertificate,
  splitPemBundle,
  type NamedNode,
} from './certificate-fields.js';
import { createNodeCsr, readNodeCsr } from './certificate-request.js';
import {
  createRootCertificate,
  issueNodeCertificate,
  type IssuedNodeCertificate,
  type IssueOptions,
  type NodeCertificateAuthority,
  type RootCertificateOptions,
} from './node-ca.js';
import { NATIONAL_NODE_CODE } from './node-identity.js';
import {
  ECDSA_P256,
  exportPrivateKeyPem,
  generateNodeKeyPair,
  importPrivateKeyPem,
  publicKeyFingerprint,
  type NodeKeyAlgorithm,
  type NodeKeyPair,
} from './node-key.js';
import { NodeCertificateError, NodeCertificateProblem } from './pki.exception.js';
import { verifyNodeChain, type VerifiedNode } from './verify-node-chain.js';

/** Where a node keeps its PKI, relative to `node.dataDir`. */
export function pkiDir(dataDir: string): string {
  return join(dataDir, 'pki');
}

export const PKI_FILES = {
  /** The national root every node trusts (for the national node: its own certificate). */
  root: 'root-cert.pem',
  /** The id of the key generation in use; replaced atomically to switch keys. */
  active: 'active',
  /** In each generation folder: the private key (PKCS#8 PEM, mode 0600). */
  key: 'node-key.pem',
  csr: 'node.csr.pem',
  /** The node certificate, then its issuers up to (not including) the root — gRPC's `cert_chain`. */
  certificate: 'node-cert.pem',
} as const;

/** What a node needs for mTLS with its parent and children. */
export interface NodeTlsIdentity {
  code: string;
  generation: string;
  privateKeyPem: string;
  /** Leaf first, then its issuers up to (not including) the root. */
  certificateChainPem: string;
  trustedRootPem: string;
  notAfter: Date;
  /** Set when the key file was readable by group or others. */
  warning?: { path: string; mode: string };
}

export interface KeyGeneration {
  id: string;
  active: boolean;
  /** The node certificate of this key, once the parent has signed it. */
  certificatePem?: string;
  notAfter?: Date;
}

/**
 * A node's key material under `<dataDir>/pki/`, one folder per key generation:
 *
 * ```
 * pki/root-cert.pem
 * pki/active                          → "20250601T080000Z-3f9a1c2e"
 * pki/20250601T080000Z-3f9a1c2e/node-key.pem   (0600)
 * pki/20250601T080000Z-3f9a1c2e/node.csr.pem
 * pki/20250601T080000Z-3f9a1c2e/node-cert.pem
 * ```
 *
 * Rotation adds a generation beside the active one (`beginRotation`), receives its certificate
 * (`installCertificate`) and switches (`activate`) by replacing the one-line `active` file — a single
 * atomic rename, so a crash never leaves a key paired with another key's certificate. The old
 * generation stays on disk: its certificate remains valid until it expires, so links opened with it
 * keep working, and a parent still needs it to verify children it signed before re-keying.
 */
export class NodePkiStore {
  constructor(
    readonly dataDir: string,
    readonly algorithm: NodeKeyAlgorithm = ECDSA_P256,
  ) {}

  get dir(): string {
    return pkiDir(this.dataDir);
  }

  /**
   * `govdata node init`: the node's first key and a CSR naming it. Running it again returns the same
   * CSR (the key is never replaced; `beginRotation` makes new keys).
   */
  async init(node: NamedNode): Promise<{ generation: string; csrPem: string; keyCreated: boolean }> {
    const active = await this.activeGeneration();
    if (active) {
      const csrPem = await readFile(this.file(active, 'csr'), 'utf8');
      const existing = await readNodeCsr(csrPem);
      if (existing.code !== node.code) {
        throw new NodeCertificateError(
          NodeCertificateProblem.SanMismatch,
          `${this.dir} already holds the key of node ${existing.code}, not ${node.code}`,
          ErrorCode.RuleViolated,
        );
      }
      return { generation: active, csrPem, keyCreated: false };
    }
    const { generation, csrPem } = await this.createGeneration(node);
    await this.writePublic(join(this.dir, PKI_FILES.active), `${generation}\n`);
    return { generation, csrPem, keyCreated: true };
  }

  /**
   * The national node's root: self-signs the active key (after `init` with code 100000) and installs
   * the result as both the node certificate and the trusted root.
   */
  async initRoot(options: RootCertificateOptions): Promise<string> {
    const { generation } = await this.init({ code: NATIONAL_NODE_CODE, name: options.name });
    const existing = await readOptional(join(this.dir, PKI_FILES.root));
    if (existing) return existing;
    const rootPem = await createRootCertificate(await this.loadKeys(generation), options);
    await this.installCertificate(rootPem, rootPem);
    return rootPem;
  }

  /**
   * A new key beside the active one and a CSR for it, for the parent to sign. While the parent has
   * not answered, calling again returns the same pending CSR.
   */
  async beginRotation(node: NamedNode): Promise<{ generation: string; csrPem: string }> {
    const pending = (await this.generations()).find((g) => !g.active && !g.certificatePem);
    if (pending) return { generation: pending.id, csrPem: await readFile(this.file(pending.id, 'csr'), 'utf8') };
    return this.createGeneration(node);
  }

  /**
   * Stores the certificate a parent issued (bundle: leaf, then its issuers) into the generation whose
   * key it certifies, after checking it verifies up to `trustedRootPem` and names this node. The
   * first installation also stores the root; a later one must chain to the same root.
   */
  async installCertificate(
    bundlePem: string,
    trustedRootPem: string,
  ): Promise<{ generation: string; node: VerifiedNode }> {
    const [leafPem, ...chain] = splitPemBundle(bundlePem);
    if (!leafPem) {
      throw new NodeCertificateError(
        NodeCertificateProblem.Malformed,
        'no certificate in the bundle',
        ErrorCode.ValidationFailed,
      );
    }
    const rootPath = join(this.dir, PKI_FILES.root);
    const installedRoot = await readOptional(rootPath);
    if (installedRoot && installedRoot.trim() !== trustedRootPem.trim()) {
      throw new NodeCertificateError(
        NodeCertificateProblem.UnknownIssuer,
        `the certificate chains to another root than ${rootPath}`,
        ErrorCode.RuleViolated,
      );
    }
    const node = await verifyNodeChain(leafPem, chain, trustedRootPem);
    const fingerprint = await publicKeyFingerprint(parseCertificate(leafPem).publicKey);
    let generation: string | undefined;
    for (const g of await this.generations()) {
      if ((await publicKeyFingerprint((await this.loadKeys(g.id)).publicKey)) === fingerprint) generation = g.id;
    }
    if (!generation) {
      throw new NodeCertificateError(
        NodeCertificateProblem.KeyMismatch,
        `the certificate for node ${node.code} is not for any key of this node`,
        ErrorCode.RuleViolated,
      );
    }
    const other = await this.activeCode();
    if (other && other !== node.code) {
      throw new NodeCertificateError(
        NodeCertificateProblem.SanMismatch,
        `the certificate names node ${node.code}; this node is ${other}`,
        ErrorCode.RuleViolated,
      );
    }
    if (!installedRoot) await this.writePublic(rootPath, trustedRootPem);
    // The national node's certificate is the root itself; every other node's bundle excludes it.
    const withoutRoot = chain.filter((pem) => pem.trim() !== trustedRootPem.trim());
    await this.writePublic(this.file(generation, 'certificate'), joinPemBundle([leafPem, ...withoutRoot]));
    return { generation, node };
  }

  /** Switches to another generation (completing a rotation); it must hold a certificate valid now. */
  async activate(generation: string): Promise<void> {
    const g = (await this.generations()).find((x) => x.id === generation);
    if (!g?.certificatePem || !g.notAfter || g.notAfter < new Date()) {
      throw new NodeCertificateError(
        NodeCertificateProblem.Malformed,
        `key generation ${generation} has no valid certificate to switch to`,
        ErrorCode.RuleViolated,
      );
    }
    await this.writePublic(join(this.dir, PKI_FILES.active), `${generation}\n`);
  }

  /** Every key generation, oldest first. */
  async generations(): Promise<KeyGeneration[]> {
    const active = await this.activeGeneration();
    const entries = await readdir(this.dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    const result: KeyGeneration[] = [];
    for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
      const certificatePem = await readOptional(this.file(entry.name, 'certificate'));
      result.push({
        id: entry.name,
        active: entry.name === active,
        ...(certificatePem ? { certificatePem, notAfter: parseCertificate(certificatePem).notAfter } : {}),
      });
    }
    return result;
  }

  async activeGeneration(): Promise<string | null> {
    return (await readOptional(join(this.dir, PKI_FILES.active)))?.trim() || null;
  }

  async loadKeys(generation?: string): Promise<NodeKeyPair> {
    const id = generation ?? (await this.requireActive());
    return importPrivateKeyPem(await readFile(this.file(id, 'key'), 'utf8'), this.algorithm);
  }

  /** Key, certificate chain and root for gRPC mTLS (the active generation unless told). */
  async loadTlsIdentity(generation?: string): Promise<NodeTlsIdentity> {
    const id = generation ?? (await this.requireActive());
    const certificateChainPem = await readOptional(this.file(id, 'certificate'));
    const trustedRootPem = await readOptional(join(this.dir, PKI_FILES.root));
    if (!certificateChainPem || !trustedRootPem) {
      throw new NodeCertificateError(
        NodeCertificateProblem.Malformed,
        `node key ${id} has no certificate yet: send ${this.file(id, 'csr')} to the parent node and install its answer`,
        ErrorCode.RuleViolated,
      );
    }
    const keyPath = this.file(id, 'key');
    const mode = (await stat(keyPath)).mode & 0o777;
    const leafPem = splitPemBundle(certificateChainPem)[0] ?? '';
    const { code } = nodeOfCertificate(leafPem);
    return {
      code,
      generation: id,
      privateKeyPem: await readFile(keyPath, 'utf8'),
      certificateChainPem,
      trustedRootPem,
      notAfter: parseCertificate(leafPem).notAfter,
      ...(mode & 0o077 ? { warning: { path: keyPath, mode: `0${mode.toString(8)}` } } : {}),
    };
  }

  /** The active key and certificate, for signing children's CSRs and the revocation list. */
  async loadCertificateAuthority(): Promise<NodeCertificateAuthority> {
    const identity = await this.loadTlsIdentity();
    return {
      certificatePem: splitPemBundle(identity.certificateChainPem)[0]!,
      keys: await this.loadKeys(identity.generation),
    };
  }

  /**
   * The parent operator's "approve": signs a child's CSR with the active key and returns, beside the
   * record of what was issued, the bundle the child installs (its certificate, then this node's chain
   * without the root) and the root it must trust.
   */
  async approve(
    csrPem: string,
    options: IssueOptions = {},
  ): Promise<IssuedNodeCertificate & { bundlePem: string; trustedRootPem: string }> {
    const identity = await this.loadTlsIdentity();
    const issued = await issueNodeCertificate(await this.loadCertificateAuthority(), csrPem, options);
    const chain = splitPemBundle(identity.certificateChainPem).filter(
      (p) => p.trim() !== identity.trustedRootPem.trim(),
    );
    return {
      ...issued,
      bundlePem: joinPemBundle([issued.certificatePem, ...chain]),
      trustedRootPem: identity.trustedRootPem,
    };
  }

  /**
   * This node's own certificates of every generation, then their issuers: the pool a parent verifies
   * its children's chains against (children signed before a re-key chain to the older certificate).
   */
  async issuerPool(): Promise<string[]> {
    const pems = (await this.generations()).flatMap((g) => (g.certificatePem ? splitPemBundle(g.certificatePem) : []));
    return [...new Set(pems.map((p) => p.trim()))];
  }

  private async activeCode(): Promise<string | null> {
    const active = await this.activeGeneration();
    const pem = active ? await readOptional(this.file(active, 'certificate')) : null;
    const leafPem = pem ? splitPemBundle(pem)[0] : undefined;
    return leafPem ? nodeOfCertificate(leafPem).code : null;
  }

  private async requireActive(): Promise<string> {
    const active = await this.activeGeneration();
    if (!active) throw new Error(`no node key in ${this.dir}: run \`govdata node init\` first`);
    return active;
  }

  private file(generation: string, name: 'key' | 'csr' | 'certificate'): string {
    if (!/^[0-9A-Za-z-]+$/.test(generation)) throw new Error(`${generation} is not a key generation id`);
    return join(this.dir, generation, PKI_FILES[name]);
  }

  private async createGeneration(node: NamedNode): Promise<{ generation: string; csrPem: string }> {
    const keys = await generateNodeKeyPair(this.algorithm);
    // Milliseconds included: generation ids sort in creation order even when a rotation follows
    // its predecessor within the same second.
    const stamp = new Date().toISOString().replace(/[-:.]/g, '');
    const generation = `${stamp}-${(await publicKeyFingerprint(keys.publicKey)).slice(0, 8)}`;
    await mkdir(join(this.dir, generation), { recursive: true, mode: 0o700 });
    await chmod(this.dir, 0o700);
    await writePrivateKey(this.file(generation, 'key'), await exportPrivateKeyPem(keys));
    const csrPem = await createNodeCsr(keys, node);
    await this.writePublic(this.file(generation, 'csr'), csrPem);
    return { generation, csrPem };
  }

  /** Written whole under a temporary name, then renamed over the old file: readers never see half. */
  private async writePublic(path: string, content: string): Promise<void> {
    await replaceFileAtomically(path, content, { mode: 0o644 });
  }
}

/** Mode 0600, created exclusively: an existing key is never overwritten (as NodeSigningKey does). */
async function writePrivateKey(path: string, pem: string): Promise<void> {
  await createKeyFileOnce(path, pem, { mode: 0o600, ifExists: 'fail' });
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
