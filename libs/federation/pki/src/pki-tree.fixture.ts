// Test fixture (not exported): a small federation tree with real keys and certificates.
import {
  nodeSanExtension,
  nodeSubjectName,
  normalizeSerial,
  randomSerial,
  type NamedNode,
} from './certificate-fields.js';
import { createNodeCsr } from './certificate-request.js';
import { createRootCertificate, issueNodeCertificate, type NodeCertificateAuthority } from './node-ca.js';
import { generateNodeKeyPair, type NodeKeyAlgorithm, type NodeKeyPair } from './node-key.js';
import { x509 } from './x509.js';

export interface TestNode extends NodeCertificateAuthority {
  code: string;
  name: string;
  keys: NodeKeyPair;
  certificatePem: string;
  /** Issuers above the certificate, excluding the root. */
  chainPems: string[];
  /** certificatePem + chainPems, as gRPC's cert_chain. */
  bundlePem: string;
  serial: string;
}

export const MINISTRY_CODE = '11100000000013338W';

export async function rootNode(
  options: { pathLength?: number; notBefore?: Date; algorithm?: NodeKeyAlgorithm } = {},
): Promise<TestNode> {
  const { algorithm, ...rootOptions } = options;
  const keys = await generateNodeKeyPair(algorithm);
  const certificatePem = await createRootCertificate(keys, { name: '国家政务大数据平台', ...rootOptions });
  const serial = normalizeSerial(new x509.X509Certificate(certificatePem).serialNumber);
  return {
    code: '100000',
    name: '国家政务大数据平台',
    keys,
    certificatePem,
    chainPems: [],
    bundlePem: certificatePem,
    serial,
  };
}

export async function childNode(
  parent: TestNode,
  node: NamedNode,
  options: { validityDays?: number; notBefore?: Date; algorithm?: NodeKeyAlgorithm } = {},
): Promise<TestNode> {
  const { algorithm, ...issueOptions } = options;
  const keys = await generateNodeKeyPair(algorithm);
  const issued = await issueNodeCertificate(parent, await createNodeCsr(keys, node), issueOptions);
  const chainPems = parent.code === '100000' ? [] : [parent.certificatePem, ...parent.chainPems];
  return {
    ...node,
    keys,
    certificatePem: issued.certificatePem,
    chainPems,
    bundlePem: [issued.certificatePem, ...chainPems].join('\n'),
    serial: issued.serial,
  };
}

export async function federationTree() {
  const root = await rootNode();
  const jiangxi = await childNode(root, { code: '360000', name: '江西省' });
  const guangdong = await childNode(root, { code: '440000', name: '广东省' });
  const nanchang = await childNode(jiangxi, { code: '360100', name: '南昌市' });
  const jiujiang = await childNode(jiangxi, { code: '360400', name: '九江市' });
  const guangzhou = await childNode(guangdong, { code: '440100', name: '广州市' });
  const ministry = await childNode(root, { code: MINISTRY_CODE, name: '某部' });
  return { root, jiangxi, guangdong, nanchang, jiujiang, guangzhou, ministry };
}

/**
 * A certificate signed by `issuer` without any of issueNodeCertificate's checks — what a buggy or
 * malicious CA could produce, for showing that verification refuses it.
 */
export async function forgeCertificate(
  issuer: TestNode,
  options: {
    subject: NamedNode;
    sanCode?: string | null;
    ca?: boolean;
    pathLength?: number;
    keys?: NodeKeyPair;
  },
): Promise<{ certificatePem: string; keys: NodeKeyPair }> {
  const keys = options.keys ?? (await generateNodeKeyPair());
  const issuerCertificate = new x509.X509Certificate(issuer.certificatePem);
  const sanCode = options.sanCode === undefined ? options.subject.code : options.sanCode;
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: nodeSubjectName(options.subject),
    issuer: issuerCertificate.subjectName,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 86_400_000),
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    signingAlgorithm: issuer.keys.algorithm.signingAlgorithm,
    extensions: [
      options.ca === false
        ? new x509.BasicConstraintsExtension(false, undefined, true)
        : new x509.BasicConstraintsExtension(true, options.pathLength ?? 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, true),
      ...(sanCode === null ? [] : [nodeSanExtension(sanCode)]),
      await x509.AuthorityKeyIdentifierExtension.create(issuerCertificate.publicKey),
    ],
  });
  return { certificatePem: certificate.toString('pem'), keys };
}
