import {
  credentials,
  experimental,
  ServerCredentials,
  ServerInterceptingCall,
  status,
  type ChannelCredentials,
  type ServerInterceptor,
} from '@grpc/grpc-js';
import type { PeerCertificate } from 'node:tls';
import { nodeOfCertificate } from './certificate-fields.js';
import { mayCertify } from './node-identity.js';
import type { NodeTlsIdentity } from './node-pki-store.js';
import { NodeCertificateError, NodeCertificateProblem } from './pki.exception.js';
import { verifyNodeChain, type VerifiedNode, type VerifyNodeChainOptions } from './verify-node-chain.js';

/**
 * Server side of a node link: presents the node certificate chain and requires a client certificate
 * chaining to the national root. The handshake proves only "some node of the federation"; which node,
 * and whether it is this node's child and not revoked, is `childNodeInterceptor`'s job.
 */
export function nodeServerCredentials(identity: NodeTlsIdentity): ServerCredentials {
  return ServerCredentials.createSsl(
    Buffer.from(identity.trustedRootPem),
    [{ private_key: Buffer.from(identity.privateKeyPem), cert_chain: Buffer.from(identity.certificateChainPem) }],
    true,
  );
}

/**
 * Server credentials whose certificate can change under a running server: `update` with the node's
 * new identity after a rotation and new handshakes present it, while open connections carry on —
 * no restart, no refused link. (grpc-js takes certificates from a provider it listens to.)
 */
export class RotatingServerIdentity implements experimental.CertificateProvider {
  private readonly caListeners = new Set<experimental.CaCertificateUpdateListener>();
  private readonly identityListeners = new Set<experimental.IdentityCertificateUpdateListener>();

  constructor(private identity: NodeTlsIdentity) {}

  /** Server credentials requiring a client certificate, following this provider. */
  credentials(): ServerCredentials {
    return experimental.createCertificateProviderServerCredentials(this, this, true);
  }

  /** Switches to `identity` if it differs; true when it did. */
  update(identity: NodeTlsIdentity): boolean {
    const same =
      identity.certificateChainPem === this.identity.certificateChainPem &&
      identity.privateKeyPem === this.identity.privateKeyPem &&
      identity.trustedRootPem === this.identity.trustedRootPem;
    if (same) return false;
    this.identity = identity;
    for (const listener of this.caListeners) listener(this.caUpdate());
    for (const listener of this.identityListeners) listener(this.identityUpdate());
    return true;
  }

  // grpc-js subscribes before it registers the server's watcher, so the first update is delivered on
  // the next turn; delivered at once it would be lost and the server would drop every connection.
  addCaCertificateListener(listener: experimental.CaCertificateUpdateListener): void {
    this.caListeners.add(listener);
    queueMicrotask(() => {
      if (this.caListeners.has(listener)) listener(this.caUpdate());
    });
  }

  removeCaCertificateListener(listener: experimental.CaCertificateUpdateListener): void {
    this.caListeners.delete(listener);
  }

  addIdentityCertificateListener(listener: experimental.IdentityCertificateUpdateListener): void {
    this.identityListeners.add(listener);
    queueMicrotask(() => {
      if (this.identityListeners.has(listener)) listener(this.identityUpdate());
    });
  }

  removeIdentityCertificateListener(listener: experimental.IdentityCertificateUpdateListener): void {
    this.identityListeners.delete(listener);
  }

  private caUpdate(): experimental.CaCertificateUpdate {
    return { caCertificate: Buffer.from(this.identity.trustedRootPem) };
  }

  private identityUpdate(): experimental.IdentityCertificateUpdate {
    return {
      certificate: Buffer.from(this.identity.certificateChainPem),
      privateKey: Buffer.from(this.identity.privateKeyPem),
    };
  }
}

/**
 * Client side of a node link (a child dialling its parent): presents this node's chain and accepts
 * the server only if its certificate names `parentCode`. Host names play no part — node certificates
 * carry no DNS names — so the default hostname check is replaced by the node-code check.
 */
export function nodeChannelCredentials(identity: NodeTlsIdentity, parentCode: string): ChannelCredentials {
  return credentials.createSsl(
    Buffer.from(identity.trustedRootPem),
    Buffer.from(identity.privateKeyPem),
    Buffer.from(identity.certificateChainPem),
    { checkServerIdentity: (_host, certificate) => checkPeerNode(certificate, parentCode) },
  );
}

/** `checkServerIdentity`: undefined when the (already chain-verified) peer names `expectedCode`. */
export function checkPeerNode(certificate: PeerCertificate, expectedCode: string): Error | undefined {
  try {
    const { code } = nodeOfCertificate(certificate.raw);
    if (code === expectedCode) return undefined;
    return new NodeCertificateError(
      NodeCertificateProblem.SanMismatch,
      `the peer presented a certificate for node ${code}, not ${expectedCode}`,
    );
  } catch (error) {
    return error as Error;
  }
}

/** What a gRPC server call exposes of its connection (grpc-js ≥ 1.10 `call.getAuthContext()`). */
export interface CallWithAuthContext {
  getAuthContext(): { sslPeerCertificate?: { raw?: Buffer } } | null;
}

/**
 * The DER client certificate of a call. grpc-js exposes it as `call.getAuthContext().sslPeerCertificate`
 * (a `tls.PeerCertificate` of the leaf only, set when the TLS handshake authorised the peer) on server
 * calls and interceptors; the chain above the leaf is not exposed, hence `verifyChildPeer` checks the
 * leaf against this node's own certificates.
 */
export function peerCertificateDer(call: CallWithAuthContext): Buffer | null {
  return call.getAuthContext()?.sslPeerCertificate?.raw ?? null;
}

/** The node code of a call's client certificate — for handlers behind `childNodeInterceptor`. */
export function peerNodeCode(call: CallWithAuthContext): string | null {
  const der = peerCertificateDer(call);
  return der ? nodeOfCertificate(der).code : null;
}

export interface ChildPeerPolicy {
  /** This node's code: a child's certificate must be issued by it. */
  ownCode: string;
  /** This node's certificates (every key generation) and their issuers — `NodePkiStore.issuerPool()`. */
  issuerPool: readonly string[];
  trustedRootPem: string;
  /** Usually `revocationChecker(ownRevocationList)`, read fresh on every call. */
  revoked?: VerifyNodeChainOptions['revoked'];
}

/** Verifies a client certificate as one of this node's children (signed by it, in its subtree, not revoked). */
export async function verifyChildPeer(peerDer: Uint8Array, policy: ChildPeerPolicy, at?: Date): Promise<VerifiedNode> {
  // The handshake already tied the leaf to the root, but grpc-js hands over the leaf alone: a node
  // from another branch would only show up as "unknown issuer" below; name it for what it is.
  const claimed = nodeOfCertificate(peerDer).code;
  if (!mayCertify(policy.ownCode, claimed)) {
    throw new NodeCertificateError(
      NodeCertificateProblem.OutsideSubtree,
      `node ${claimed} is not a child of node ${policy.ownCode}`,
    );
  }
  const node = await verifyNodeChain(peerDer, policy.issuerPool, policy.trustedRootPem, {
    ...(at ? { at } : {}),
    ...(policy.revoked ? { revoked: policy.revoked } : {}),
  });
  if (node.issuerCode !== policy.ownCode) {
    throw new NodeCertificateError(
      NodeCertificateProblem.OutsideSubtree,
      `node ${node.code} (certified by ${node.issuerCode ?? 'the root itself'}) is not a child of node ${policy.ownCode}`,
    );
  }
  return node;
}

/**
 * A server interceptor admitting only this node's children: every call's client certificate goes
 * through `verifyChildPeer` before the handler sees the call, so a revocation refuses the next call
 * even on a connection opened before it. Refusals end the call with UNAUTHENTICATED and the reason.
 * (Long-lived streams opened before a revocation must be cancelled by the service that tracks them.)
 */
export function childNodeInterceptor(
  policy: ChildPeerPolicy | (() => ChildPeerPolicy),
  onRefused?: (error: NodeCertificateError, peer: string) => void,
): ServerInterceptor {
  return (_method, call) =>
    new ServerInterceptingCall(call, {
      start: (next) =>
        next({
          onReceiveMetadata: (metadata, nextMetadata) => {
            const verified = (async () => {
              const der = peerCertificateDer(call);
              if (!der) {
                throw new NodeCertificateError(
                  NodeCertificateProblem.SanMissing,
                  'the caller presented no client certificate',
                );
              }
              return verifyChildPeer(der, typeof policy === 'function' ? policy() : policy);
            })();
            verified.then(
              () => nextMetadata(metadata),
              (error: unknown) => {
                const refusal =
                  error instanceof NodeCertificateError
                    ? error
                    : new NodeCertificateError(NodeCertificateProblem.Malformed, String(error));
                onRefused?.(refusal, call.getPeer());
                call.sendStatus({ code: status.UNAUTHENTICATED, details: `${refusal.problem}: ${refusal.message}` });
              },
            );
          },
        }),
    });
}
