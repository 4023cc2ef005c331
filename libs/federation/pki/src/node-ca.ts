import { ErrorCode } from '@govdata/platform-errors';
import type { NodeLevel } from '@govdata/codes';
import {
  namedNodeOf,
  nodeSanExtension,
  nodeSubjectName,
  normalizeSerial,
  parseCertificate,
  randomSerial,
  type NamedNode,
} from './certificate-fields.js';
import { readNodeCsr } from './certificate-request.js';
import { publicKeyFingerprint, type NodeKeyPair } from './node-key.js';
import { mayCertify, NATIONAL_NODE_CODE, pathLengthFor } from './node-identity.js';
import { NodeCertificateError, NodeCertificateProblem } from './pki.exception.js';
import { x509 } from './x509.js';

const DAY_MS = 86_400_000;
/** Certificates start a little in the past so a child whose clock is behind can use one at once. */
const CLOCK_SKEW_MS = 5 * 60_000;
export const DEFAULT_NODE_VALIDITY_DAYS = 365;
export const DEFAULT_ROOT_VALIDITY_DAYS = 3650;

/** A node acting as CA for its children: its certificate and the key pair it holds. */
export interface NodeCertificateAuthority {
  certificatePem: string;
  keys: NodeKeyPair;
}

export interface RootCertificateOptions {
  /** 节点名称 of the national node. */
  name: string;
  validityDays?: number;
  /** Default: now (less a few minutes for clock skew). */
  notBefore?: Date;
  /** Default 2 (province, city). Anything else is for tests of path-length enforcement. */
  pathLength?: number;
}

/**
 * The national root: self-signed, CA:true with pathLen 2. It is also the national node's own mTLS
 * certificate (digitalSignature, serverAuth/clientAuth, SAN `urn:govdata:node:100000`), so a child
 * presenting province → root checks the national peer against the same anchor.
 */
export async function createRootCertificate(keys: NodeKeyPair, options: RootCertificateOptions): Promise<string> {
  const notBefore = options.notBefore ?? new Date(Date.now() - CLOCK_SKEW_MS);
  const validityDays = options.validityDays ?? DEFAULT_ROOT_VALIDITY_DAYS;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(),
      name: nodeSubjectName({ code: NATIONAL_NODE_CODE, name: options.name }),
      notBefore,
      notAfter: new Date(notBefore.getTime() + validityDays * DAY_MS),
      keys: { privateKey: keys.privateKey, publicKey: keys.publicKey },
      signingAlgorithm: keys.algorithm.signingAlgorithm,
      extensions: [
        new x509.BasicConstraintsExtension(true, options.pathLength ?? pathLengthFor('national'), true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
          true,
        ),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
        nodeSanExtension(NATIONAL_NODE_CODE),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, keys.algorithm.crypto),
      ],
    },
    keys.algorithm.crypto,
  );
  return certificate.toString('pem');
}

export interface IssueOptions {
  /** Default 365. The certificate never outlives its issuer's: notAfter is capped to the issuer's. */
  validityDays?: number;
  /** Default: now (less a few minutes for clock skew). */
  notBefore?: Date;
}

/** A certificate a parent issued to a child, with what the parent's records need. */
export interface IssuedNodeCertificate extends NamedNode {
  level: NodeLevel;
  certificatePem: string;
  /** Lower-case hex; the key of revocation entries. */
  serial: string;
  pathLength: number;
  notBefore: Date;
  notAfter: Date;
}

/**
 * Signs a child's CSR (the parent operator's "approve"). Refuses a code outside the issuer's subtree,
 * an issuer whose path length leaves no room, a CA key that is not the certificate's, and an expired
 * issuer. The child certificate is CA:true with pathLen one less down the tree, keyUsage
 * digitalSignature + keyCertSign + cRLSign (cRLSign: a province signs its children's revocation
 * list), extKeyUsage serverAuth + clientAuth, SAN and subject rebuilt from the checked CSR (never
 * copied), a random serial.
 */
export async function issueNodeCertificate(
  ca: NodeCertificateAuthority,
  csrPem: string,
  options: IssueOptions = {},
): Promise<IssuedNodeCertificate> {
  const csr = await readNodeCsr(csrPem);
  const issuerCertificate = parseCertificate(ca.certificatePem, 'issuer certificate');
  const issuer = namedNodeOf(issuerCertificate.subjectName, issuerCertificate.extensions);
  const refuse = (problem: NodeCertificateProblem, message: string) =>
    new NodeCertificateError(problem, message, ErrorCode.RuleViolated);

  if (!mayCertify(issuer.code, csr.code)) {
    throw refuse(
      NodeCertificateProblem.OutsideSubtree,
      `node ${issuer.code} may not certify ${csr.code}: not in its subtree`,
    );
  }
  const pathLength = pathLengthFor(csr.level);
  const issuerConstraints = issuerCertificate.getExtension(x509.BasicConstraintsExtension);
  if (!issuerConstraints?.ca) {
    throw refuse(NodeCertificateProblem.NotACa, `the certificate of node ${issuer.code} is not a CA certificate`);
  }
  if (issuerConstraints.pathLength !== undefined && pathLength >= issuerConstraints.pathLength) {
    throw refuse(
      NodeCertificateProblem.PathLengthExceeded,
      `node ${issuer.code} has path length ${issuerConstraints.pathLength}; a ${csr.level} child needs ${pathLength + 1}`,
    );
  }
  if ((await publicKeyFingerprint(ca.keys.publicKey)) !== (await publicKeyFingerprint(issuerCertificate.publicKey))) {
    throw refuse(
      NodeCertificateProblem.KeyMismatch,
      `the CA key given is not the key of node ${issuer.code}'s certificate`,
    );
  }

  const notBefore = options.notBefore ?? new Date(Date.now() - CLOCK_SKEW_MS);
  if (notBefore >= issuerCertificate.notAfter) {
    throw refuse(
      NodeCertificateProblem.Expired,
      `the certificate of node ${issuer.code} expired on ${issuerCertificate.notAfter.toISOString()}`,
    );
  }
  const wanted = new Date(notBefore.getTime() + (options.validityDays ?? DEFAULT_NODE_VALIDITY_DAYS) * DAY_MS);
  const notAfter = wanted < issuerCertificate.notAfter ? wanted : issuerCertificate.notAfter;
  const { crypto } = ca.keys.algorithm;

  const certificate = await x509.X509CertificateGenerator.create(
    {
      serialNumber: randomSerial(),
      subject: nodeSubjectName(csr),
      issuer: issuerCertificate.subjectName,
      notBefore,
      notAfter,
      publicKey: csr.publicKey,
      signingKey: ca.keys.privateKey,
      signingAlgorithm: ca.keys.algorithm.signingAlgorithm,
      extensions: [
        new x509.BasicConstraintsExtension(true, pathLength, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
          true,
        ),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
        nodeSanExtension(csr.code),
        await x509.SubjectKeyIdentifierExtension.create(csr.publicKey, false, crypto),
        await x509.AuthorityKeyIdentifierExtension.create(issuerCertificate.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  return {
    code: csr.code,
    name: csr.name,
    level: csr.level,
    certificatePem: certificate.toString('pem'),
    serial: normalizeSerial(certificate.serialNumber),
    pathLength,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
  };
}
