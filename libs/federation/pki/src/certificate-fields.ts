import { randomBytes } from 'node:crypto';
import { nodeCodeFromUrn, NODE_URN_PREFIX } from './node-identity.js';
import { NodeCertificateError, NodeCertificateProblem } from './pki.exception.js';
import { x509 } from './x509.js';

/** X.520 serialNumber: the subject attribute carrying the node code beside the CN (node name). */
export const SERIAL_NUMBER_OID = '2.5.4.5';
const SAN_OID = '2.5.29.17';

/** A node as a certificate or CSR names it. */
export interface NamedNode {
  /** 节点编码 — GB/T 2260 division code, `100000`, or a ministry's USCC. */
  code: string;
  /** 节点名称 — e.g. 江西省政务数据共享平台. */
  name: string;
}

/** Subject DN of a node: CN = name, serialNumber = code. */
export function nodeSubjectName({ code, name }: NamedNode): x509.JsonName {
  return [{ CN: [name] }, { [SERIAL_NUMBER_OID]: [code] }];
}

export function nodeSanExtension(code: string): x509.SubjectAlternativeNameExtension {
  return new x509.SubjectAlternativeNameExtension([{ type: 'url', value: `${NODE_URN_PREFIX}${code}` }]);
}

/**
 * The node a certificate or CSR names. The SAN URI is the identity; the subject serialNumber must
 * agree with it so that tools showing only the DN do not mislead an operator.
 */
export function namedNodeOf(subject: x509.Name, extensions: readonly x509.Extension[]): NamedNode {
  const sanExtension = extensions.find((e) => e.type === SAN_OID);
  const san =
    sanExtension instanceof x509.SubjectAlternativeNameExtension || !sanExtension
      ? sanExtension
      : new x509.SubjectAlternativeNameExtension(sanExtension.rawData);
  const nodeUris = (san?.names.items ?? [])
    .filter((n) => n.type === 'url' && n.value.startsWith(NODE_URN_PREFIX))
    .map((n) => n.value);
  if (nodeUris.length !== 1) {
    throw new NodeCertificateError(
      NodeCertificateProblem.SanMissing,
      nodeUris.length === 0
        ? `${subject.toString()} has no ${NODE_URN_PREFIX}<code> subject alternative name`
        : `${subject.toString()} names ${nodeUris.length} nodes (${nodeUris.join(', ')}); exactly one is allowed`,
    );
  }
  const uri = nodeUris[0]!;
  const code = nodeCodeFromUrn(uri);
  if (!code) {
    throw new NodeCertificateError(NodeCertificateProblem.SanMismatch, `${uri} does not name a valid node code`);
  }
  const serialNumber = subject.getField(SERIAL_NUMBER_OID);
  if (serialNumber.length !== 1 || serialNumber[0] !== code) {
    throw new NodeCertificateError(
      NodeCertificateProblem.SanMismatch,
      `the subject serialNumber (${serialNumber.join(', ') || 'none'}) does not match the SAN ${uri}`,
    );
  }
  return { code, name: subject.getField('CN')[0] ?? '' };
}

/**
 * The node a certificate names, read without verifying it — for a certificate already verified (by
 * the TLS handshake plus `verifyNodeChain`, or when it was installed), e.g. to log or route by code.
 */
export function nodeOfCertificate(pemOrDer: string | Uint8Array): NamedNode {
  const certificate = parseCertificate(pemOrDer);
  return namedNodeOf(certificate.subjectName, certificate.extensions);
}

/** Certificate serial numbers compared as lower-case hex without leading zeros (OpenSSL prints upper case). */
export function normalizeSerial(serial: string): string {
  return serial.toLowerCase().replace(/^0+(?=.)/, '');
}

/**
 * 126 random bits as 32 hex digits (RFC 5280 §4.1.2.2 allows 20 octets; CA/B asks for 64+ random
 * bits): the top bits are 01 so the number is positive and prints without leading zeros.
 */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x3f) | 0x40;
  return bytes.toString('hex');
}

export function parseCertificate(pemOrDer: string | Uint8Array, what = 'certificate'): x509.X509Certificate {
  try {
    return new x509.X509Certificate(typeof pemOrDer === 'string' ? pemOrDer : new Uint8Array(pemOrDer));
  } catch (error) {
    throw new NodeCertificateError(
      NodeCertificateProblem.Malformed,
      `the ${what} is not a readable X.509 certificate: ${(error as Error).message}`,
    );
  }
}

/** Splits a PEM bundle (leaf first, then its issuers) into one PEM per certificate. */
export function splitPemBundle(bundle: string): string[] {
  return bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/** Joins certificates into a PEM bundle, as gRPC's `cert_chain` and `node-cert.pem` hold them. */
export function joinPemBundle(pems: readonly string[]): string {
  return pems.map((p) => `${p.trim()}\n`).join('');
}
