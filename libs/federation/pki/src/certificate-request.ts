import { ErrorCode } from '@govdata/platform-errors';
import type { NodeLevel } from '@govdata/codes';
import { namedNodeOf, nodeSanExtension, nodeSubjectName, type NamedNode } from './certificate-fields.js';
import type { NodeKeyPair } from './node-key.js';
import { nodeLevelOf } from './node-identity.js';
import { NodeCertificateError, NodeCertificateProblem } from './pki.exception.js';
import { x509 } from './x509.js';

/**
 * A PKCS#10 certificate request naming the node: CN = name, serialNumber = code and the SAN URI
 * `urn:govdata:node:<code>`, signed with the node's key (proof of possession).
 */
export async function createNodeCsr(keys: NodeKeyPair, node: NamedNode): Promise<string> {
  if (!nodeLevelOf(node.code)) {
    throw new NodeCertificateError(
      NodeCertificateProblem.Malformed,
      `${node.code} is not a node code (GB/T 2260 division code, 100000, or an 18-character USCC)`,
      ErrorCode.ValidationFailed,
    );
  }
  const csr = await x509.Pkcs10CertificateRequestGenerator.create(
    {
      name: nodeSubjectName(node),
      keys: { privateKey: keys.privateKey, publicKey: keys.publicKey },
      signingAlgorithm: keys.algorithm.signingAlgorithm,
      extensions: [nodeSanExtension(node.code)],
    },
    keys.algorithm.crypto,
  );
  return csr.toString('pem');
}

/** A certificate request whose signature and node naming have been checked. */
export interface NodeCsr extends NamedNode {
  level: NodeLevel;
  publicKey: x509.PublicKey;
  request: x509.Pkcs10CertificateRequest;
}

/** Reads and checks a node's CSR: it must be well-formed, self-signed and name exactly one node. */
export async function readNodeCsr(pem: string): Promise<NodeCsr> {
  let request: x509.Pkcs10CertificateRequest;
  try {
    request = new x509.Pkcs10CertificateRequest(pem);
  } catch (error) {
    throw new NodeCertificateError(
      NodeCertificateProblem.Malformed,
      `the certificate request is not a readable PKCS#10 CSR: ${(error as Error).message}`,
      ErrorCode.ValidationFailed,
    );
  }
  if (!(await request.verify())) {
    throw new NodeCertificateError(
      NodeCertificateProblem.BadSignature,
      'the certificate request is not signed by the key it carries',
      ErrorCode.ValidationFailed,
    );
  }
  let node: NamedNode;
  try {
    node = namedNodeOf(request.subjectName, request.extensions);
  } catch (error) {
    if (!(error instanceof NodeCertificateError)) throw error;
    throw new NodeCertificateError(error.problem, `certificate request: ${error.message}`, ErrorCode.ValidationFailed);
  }
  return { ...node, level: nodeLevelOf(node.code)!, publicKey: request.publicKey, request };
}
