import type { NodeLevel } from '@govdata/codes';
import {
  namedNodeOf,
  normalizeSerial,
  parseCertificate,
  splitPemBundle,
  type NamedNode,
} from './certificate-fields.js';
import { mayCertify, nodeLevelOf } from './node-identity.js';
import { NodeCertificateError, NodeCertificateProblem } from './pki.exception.js';
import { x509 } from './x509.js';

/** Leaf, province, national: deeper chains than the tree allows are refused before any maths. */
const MAX_CHAIN_LENGTH = 4;

export interface VerifyNodeChainOptions {
  /** The instant the chain must be valid at. Default: now. */
  at?: Date;
  /**
   * Whether the certificate with this serial (lower-case hex) issued by node `issuerCode` is revoked.
   * Asked for every certificate in the path below the root.
   */
  revoked?: (serial: string, issuerCode: string) => boolean | Promise<boolean>;
  /** The node the caller expects to be talking to (e.g. the parent it dialled). */
  expectedCode?: string;
}

/** A node certificate that passed every check. */
export interface VerifiedNode extends NamedNode {
  level: NodeLevel;
  /** Lower-case hex serial of the leaf. */
  serial: string;
  /** The node that issued the leaf; null when the leaf is the trusted root itself. */
  issuerCode: string | null;
  notBefore: Date;
  notAfter: Date;
  /** Node codes from the leaf up to the root, e.g. `['360100', '360000', '100000']`. */
  path: string[];
}

/**
 * Verifies a node certificate up to the trusted national root and returns the node it names, or
 * throws a `NodeCertificateError` saying exactly why not. Checks, in order: every signature on the
 * path (issuers are found in `chainPems` — in any order, bundles allowed — by name and key id);
 * validity at `at`; CA:true + keyCertSign and pathLen of every issuer; the SAN node URI of every
 * certificate (agreeing with its serialNumber); each code inside its issuer's subtree; the expected
 * code; revocation.
 */
export async function verifyNodeChain(
  leafPem: string | Uint8Array,
  chainPems: readonly string[],
  trustedRootPem: string,
  options: VerifyNodeChainOptions = {},
): Promise<VerifiedNode> {
  const at = options.at ?? new Date();
  const leaf = parseCertificate(leafPem, 'node certificate');
  const root = parseCertificate(trustedRootPem, 'trusted root certificate');
  const pool = chainPems.flatMap((pem) => splitPemBundle(pem)).map((pem) => parseCertificate(pem, 'chain certificate'));

  const path = await buildPath(leaf, root, pool);

  for (const certificate of path) {
    if (at < certificate.notBefore) {
      throw new NodeCertificateError(
        NodeCertificateProblem.NotYetValid,
        `${certificate.subject} is not valid before ${certificate.notBefore.toISOString()}`,
      );
    }
    if (at > certificate.notAfter) {
      throw new NodeCertificateError(
        NodeCertificateProblem.Expired,
        `${certificate.subject} expired on ${certificate.notAfter.toISOString()}`,
      );
    }
  }

  // RFC 5280 §4.2.1.9: pathLen counts the intermediates that may follow an issuer (the leaf excluded).
  path.slice(1).forEach((issuer, index) => {
    const constraints = issuer.getExtension(x509.BasicConstraintsExtension);
    const usage = issuer.getExtension(x509.KeyUsagesExtension);
    if (!constraints?.ca || (usage && !(usage.usages & x509.KeyUsageFlags.keyCertSign))) {
      throw new NodeCertificateError(
        NodeCertificateProblem.NotACa,
        `${issuer.subject} is not a CA certificate (CA:true and keyCertSign) but issued ${path[index]!.subject}`,
      );
    }
    if (constraints.pathLength !== undefined && index > constraints.pathLength) {
      throw new NodeCertificateError(
        NodeCertificateProblem.PathLengthExceeded,
        `${issuer.subject} allows ${constraints.pathLength} CA level(s) below it; this chain has ${index}`,
      );
    }
  });

  const nodes = path.map((certificate) => namedNodeOf(certificate.subjectName, certificate.extensions));
  for (let i = 0; i < nodes.length - 1; i++) {
    const subject = nodes[i]!;
    const issuer = nodes[i + 1]!;
    if (!mayCertify(issuer.code, subject.code)) {
      throw new NodeCertificateError(
        NodeCertificateProblem.OutsideSubtree,
        `node ${issuer.code} may not certify ${subject.code}: not in its subtree`,
      );
    }
  }

  const leafNode = nodes[0]!;
  if (options.expectedCode !== undefined && leafNode.code !== options.expectedCode) {
    throw new NodeCertificateError(
      NodeCertificateProblem.SanMismatch,
      `the certificate names node ${leafNode.code}, not the expected ${options.expectedCode}`,
    );
  }

  if (options.revoked) {
    for (let i = 0; i < nodes.length - 1; i++) {
      const serial = normalizeSerial(path[i]!.serialNumber);
      if (await options.revoked(serial, nodes[i + 1]!.code)) {
        throw new NodeCertificateError(
          NodeCertificateProblem.Revoked,
          `the certificate ${serial} of node ${nodes[i]!.code} was revoked by node ${nodes[i + 1]!.code}`,
        );
      }
    }
  }

  return {
    ...leafNode,
    level: nodeLevelOf(leafNode.code)!,
    serial: normalizeSerial(leaf.serialNumber),
    issuerCode: nodes[1]?.code ?? null,
    notBefore: leaf.notBefore,
    notAfter: leaf.notAfter,
    path: nodes.map((n) => n.code),
  };
}

/** Leaf → … → root, each certificate verified with the key of the next. */
async function buildPath(
  leaf: x509.X509Certificate,
  root: x509.X509Certificate,
  pool: x509.X509Certificate[],
): Promise<x509.X509Certificate[]> {
  const path = [leaf];
  let current = leaf;
  while (!sameCertificate(current, root)) {
    if (path.length >= MAX_CHAIN_LENGTH) {
      throw new NodeCertificateError(
        NodeCertificateProblem.PathLengthExceeded,
        `the chain of ${leaf.subject} is longer than the federation allows (${MAX_CHAIN_LENGTH})`,
      );
    }
    const candidates = [root, ...pool].filter((c) => isNamedIssuer(c, current));
    if (candidates.length === 0) {
      throw new NodeCertificateError(
        NodeCertificateProblem.UnknownIssuer,
        `no certificate in the chain or the trusted root issued ${current.subject} (issuer ${current.issuer})`,
      );
    }
    let issuer: x509.X509Certificate | undefined;
    for (const candidate of candidates) {
      if (await signedBy(current, candidate)) {
        issuer = candidate;
        break;
      }
    }
    if (!issuer) {
      throw new NodeCertificateError(
        NodeCertificateProblem.BadSignature,
        `the signature on ${current.subject} does not verify with the key of ${current.issuer}`,
      );
    }
    path.push(issuer);
    current = issuer;
  }
  if (path.length === 1 && !(await signedBy(root, root))) {
    throw new NodeCertificateError(
      NodeCertificateProblem.BadSignature,
      `the trusted root ${root.subject} is not self-signed`,
    );
  }
  return path;
}

function sameCertificate(a: x509.X509Certificate, b: x509.X509Certificate): boolean {
  return Buffer.from(a.rawData).equals(Buffer.from(b.rawData));
}

/** Same DN, and — when both say — the same key identifier (a re-keyed parent keeps its DN). */
function isNamedIssuer(candidate: x509.X509Certificate, subject: x509.X509Certificate): boolean {
  if (candidate.subject !== subject.issuer || sameCertificate(candidate, subject)) return false;
  const authorityKeyId = subject.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId;
  const subjectKeyId = candidate.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
  return !authorityKeyId || !subjectKeyId || authorityKeyId === subjectKeyId;
}

async function signedBy(subject: x509.X509Certificate, issuer: x509.X509Certificate): Promise<boolean> {
  try {
    return await subject.verify({ publicKey: issuer.publicKey, signatureOnly: true });
  } catch {
    return false;
  }
}
