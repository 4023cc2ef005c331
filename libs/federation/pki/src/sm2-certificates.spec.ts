import { SM2_WITH_SM3_OID } from '@govdata/platform-crypto';
import { exportPrivateKeyPem, importPrivateKeyPem, publicKeyFingerprint, SM2_SM3 } from './node-key.js';
import { childNode, rootNode } from './pki-tree.fixture.js';
import { NodeCertificateProblem } from './pki.exception.js';
import { verifyNodeChain } from './verify-node-chain.js';
import { x509 } from './x509.js';

const refusal = (problem: NodeCertificateProblem) => expect.objectContaining({ problem, code: 'unauthenticated' });

// Node certificates of the 国密 profile (SM2 with SM3) in trees that mix them with ECDSA P-256 ones.
describe('SM2 node certificates in mixed trees', () => {
  it('an SM2 root issues an SM2 province and an ECDSA city under it; every chain verifies', async () => {
    const root = await rootNode({ algorithm: SM2_SM3 });
    const jiangxi = await childNode(root, { code: '360000', name: '江西省' }, { algorithm: SM2_SM3 });
    const nanchang = await childNode(jiangxi, { code: '360100', name: '南昌市' });
    const rootCertificate = new x509.X509Certificate(root.certificatePem);
    expect(rootCertificate.signatureAlgorithm).toMatchObject({ name: 'SM2' });
    expect(Buffer.from(rootCertificate.rawData).includes(Buffer.from('06082a811ccf55018375', 'hex'))).toBe(true); // 1.2.156.10197.1.501
    expect(SM2_WITH_SM3_OID).toBe('1.2.156.10197.1.501');
    expect((await verifyNodeChain(jiangxi.certificatePem, [], root.certificatePem)).path).toEqual(['360000', '100000']);
    const city = await verifyNodeChain(nanchang.certificatePem, nanchang.chainPems, root.certificatePem);
    expect(city.path).toEqual(['360100', '360000', '100000']);
    expect(new x509.X509Certificate(nanchang.certificatePem).publicKey.algorithm).toMatchObject({ name: 'ECDSA' });
  });

  it('an ECDSA parent issues and verifies an SM2 child (and its SM2 grandchild)', async () => {
    const root = await rootNode();
    const jiangxi = await childNode(root, { code: '360000', name: '江西省' }, { algorithm: SM2_SM3 });
    const nanchang = await childNode(jiangxi, { code: '360100', name: '南昌市' }, { algorithm: SM2_SM3 });
    expect(new x509.X509Certificate(jiangxi.certificatePem).publicKey.algorithm).toMatchObject({ name: 'SM2' });
    expect(new x509.X509Certificate(nanchang.certificatePem).signatureAlgorithm).toMatchObject({ name: 'SM2' });
    expect((await verifyNodeChain(nanchang.certificatePem, nanchang.chainPems, root.certificatePem)).code).toBe(
      '360100',
    );
  });

  it('refuses a tampered SM2 signature and an SM2 chain to another root', async () => {
    const root = await rootNode({ algorithm: SM2_SM3 });
    const jiangxi = await childNode(root, { code: '360000', name: '江西省' }, { algorithm: SM2_SM3 });
    const der = Buffer.from(new x509.X509Certificate(jiangxi.certificatePem).rawData);
    der[der.length - 5] ^= 0x01; // inside the SM2 signature value
    await expect(verifyNodeChain(der, [], root.certificatePem)).rejects.toEqual(
      refusal(NodeCertificateProblem.BadSignature),
    );
    const otherRoot = await rootNode({ algorithm: SM2_SM3 });
    await expect(verifyNodeChain(jiangxi.certificatePem, [], otherRoot.certificatePem)).rejects.toEqual(
      refusal(NodeCertificateProblem.UnknownIssuer),
    );
  });

  it('keeps an SM2 node key as PKCS#8 PEM and reads it back', async () => {
    const root = await rootNode({ algorithm: SM2_SM3 });
    const pem = await exportPrivateKeyPem(root.keys);
    const again = await importPrivateKeyPem(pem, SM2_SM3);
    expect(await publicKeyFingerprint(again.publicKey)).toBe(await publicKeyFingerprint(root.keys.publicKey));
    expect(await publicKeyFingerprint(new x509.X509Certificate(root.certificatePem).publicKey)).toBe(
      await publicKeyFingerprint(root.keys.publicKey),
    );
  });
});
