import { createNodeCsr } from './certificate-request.js';
import { createRootCertificate, issueNodeCertificate } from './node-ca.js';
import { generateNodeKeyPair } from './node-key.js';
import { childNode, MINISTRY_CODE, rootNode } from './pki-tree.fixture.js';
import { NodeCertificateProblem } from './pki.exception.js';
import { x509 } from './x509.js';

const DAY = 86_400_000;

function extensionsOf(pem: string) {
  const certificate = new x509.X509Certificate(pem);
  const constraints = certificate.getExtension(x509.BasicConstraintsExtension)!;
  return {
    certificate,
    ca: constraints.ca,
    pathLength: constraints.pathLength,
    constraintsCritical: constraints.critical,
    usages: certificate.getExtension(x509.KeyUsagesExtension)!.usages,
    extendedUsages: certificate.getExtension(x509.ExtendedKeyUsageExtension)?.usages,
    san: certificate.getExtension(x509.SubjectAlternativeNameExtension)?.names.toJSON(),
  };
}

describe('node certificate authority', () => {
  it('creates a self-signed national root: CA, pathLen 2, keyCertSign + cRLSign, ten years', async () => {
    const keys = await generateNodeKeyPair();
    const pem = await createRootCertificate(keys, { name: '国家政务大数据平台' });
    const root = extensionsOf(pem);
    expect(await root.certificate.isSelfSigned()).toBe(true);
    expect(root).toMatchObject({ ca: true, pathLength: 2, constraintsCritical: true });
    expect(root.usages & x509.KeyUsageFlags.keyCertSign).toBeTruthy();
    expect(root.usages & x509.KeyUsageFlags.cRLSign).toBeTruthy();
    expect(root.san).toEqual([{ type: 'url', value: 'urn:govdata:node:100000' }]);
    const years = (root.certificate.notAfter.getTime() - root.certificate.notBefore.getTime()) / (365 * DAY);
    expect(years).toBeCloseTo(10, 1);
  });

  it('signs a province as a CA with pathLen 1, a city and a ministry with pathLen 0', async () => {
    const root = await rootNode();
    const jiangxi = await childNode(root, { code: '360000', name: '江西省' });
    const nanchang = await childNode(jiangxi, { code: '360100', name: '南昌市' });
    const ministry = await childNode(root, { code: MINISTRY_CODE, name: '某部' });

    for (const [node, pathLength] of [
      [jiangxi, 1],
      [nanchang, 0],
      [ministry, 0],
    ] as const) {
      const issued = extensionsOf(node.certificatePem);
      expect(issued).toMatchObject({ ca: true, pathLength, constraintsCritical: true });
      expect(issued.usages).toBe(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
      );
      expect(issued.extendedUsages).toEqual([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]);
      expect(issued.san).toEqual([{ type: 'url', value: `urn:govdata:node:${node.code}` }]);
      expect(issued.certificate.subjectName.getField('CN')).toEqual([node.name]);
      expect(issued.certificate.subjectName.getField('2.5.4.5')).toEqual([node.code]);
    }
    const nanchangCertificate = new x509.X509Certificate(nanchang.certificatePem);
    expect(nanchangCertificate.issuer).toBe(new x509.X509Certificate(jiangxi.certificatePem).subject);
    expect(await nanchangCertificate.verify({ publicKey: jiangxi.keys.publicKey, signatureOnly: true })).toBe(true);
  });

  it('gives random 126-bit serials and one year by default, configurable, never beyond the issuer', async () => {
    const root = await rootNode();
    const keys = await generateNodeKeyPair();
    const csr = await createNodeCsr(keys, { code: '360000', name: '江西省' });
    const [a, b] = await Promise.all([issueNodeCertificate(root, csr), issueNodeCertificate(root, csr)]);
    expect(a.serial).toMatch(/^[4-7][0-9a-f]{31}$/);
    expect(a.serial).not.toBe(b.serial);
    expect((a.notAfter.getTime() - a.notBefore.getTime()) / DAY).toBeCloseTo(365, 3);

    const short = await issueNodeCertificate(root, csr, { validityDays: 30 });
    expect((short.notAfter.getTime() - short.notBefore.getTime()) / DAY).toBeCloseTo(30, 3);

    const capped = await issueNodeCertificate(root, csr, { validityDays: 365 * 20 });
    expect(capped.notAfter).toEqual(new x509.X509Certificate(root.certificatePem).notAfter);
  });

  it('refuses to certify outside its subtree: a province for another province, national for a city, a city for anyone', async () => {
    const root = await rootNode();
    const jiangxi = await childNode(root, { code: '360000', name: '江西省' });
    const nanchang = await childNode(jiangxi, { code: '360100', name: '南昌市' });
    const keys = await generateNodeKeyPair();

    const guangzhou = await createNodeCsr(keys, { code: '440100', name: '广州市' });
    await expect(issueNodeCertificate(jiangxi, guangzhou)).rejects.toMatchObject({
      problem: NodeCertificateProblem.OutsideSubtree,
      code: 'rule_violated',
    });
    await expect(
      issueNodeCertificate(root, await createNodeCsr(keys, { code: '360200', name: '景德镇市' })),
    ).rejects.toMatchObject({
      problem: NodeCertificateProblem.OutsideSubtree,
    });
    await expect(
      issueNodeCertificate(jiangxi, await createNodeCsr(keys, { code: '440000', name: '广东省' })),
    ).rejects.toMatchObject({
      problem: NodeCertificateProblem.OutsideSubtree,
    });
    await expect(
      issueNodeCertificate(nanchang, await createNodeCsr(keys, { code: '360100', name: 'x' })),
    ).rejects.toMatchObject({
      problem: NodeCertificateProblem.OutsideSubtree,
    });
  });

  it('refuses when the issuer path length leaves no room, or the key is not the certificate’s', async () => {
    const flatRoot = await rootNode({ pathLength: 1 });
    const keys = await generateNodeKeyPair();
    await expect(
      issueNodeCertificate(flatRoot, await createNodeCsr(keys, { code: '360000', name: '江西省' })),
    ).rejects.toMatchObject({ problem: NodeCertificateProblem.PathLengthExceeded });

    const root = await rootNode();
    const other = await generateNodeKeyPair();
    await expect(
      issueNodeCertificate({ ...root, keys: other }, await createNodeCsr(keys, { code: '360000', name: '江西省' })),
    ).rejects.toMatchObject({ problem: NodeCertificateProblem.KeyMismatch });
  });

  it('refuses to issue from an expired issuer', async () => {
    const root = await rootNode({ notBefore: new Date(Date.now() - 4000 * DAY) });
    const keys = await generateNodeKeyPair();
    await expect(
      issueNodeCertificate(root, await createNodeCsr(keys, { code: '360000', name: '江西省' })),
    ).rejects.toMatchObject({ problem: NodeCertificateProblem.Expired });
  });
});
