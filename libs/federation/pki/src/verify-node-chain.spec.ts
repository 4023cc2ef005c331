import { childNode, federationTree, forgeCertificate, rootNode } from './pki-tree.fixture.js';
import { NodeCertificateProblem } from './pki.exception.js';
import { verifyNodeChain } from './verify-node-chain.js';
import { x509 } from './x509.js';

const DAY = 86_400_000;
type Tree = Awaited<ReturnType<typeof federationTree>>;

describe('verifyNodeChain', () => {
  let tree: Tree;
  beforeAll(async () => {
    tree = await federationTree();
  });

  const refusal = (problem: NodeCertificateProblem) => expect.objectContaining({ problem, code: 'unauthenticated' });

  it('returns the node a city certificate names, with its path up to the root', async () => {
    const { nanchang, jiangxi, root } = tree;
    const node = await verifyNodeChain(nanchang.certificatePem, nanchang.chainPems, root.certificatePem);
    expect(node).toMatchObject({
      code: '360100',
      name: '南昌市',
      level: 'municipal',
      issuerCode: '360000',
      serial: nanchang.serial,
      path: ['360100', '360000', '100000'],
    });
    // the chain may come as a bundle, in any order, with extra certificates and the root itself
    const shuffled = [tree.guangdong.certificatePem, root.certificatePem, jiangxi.bundlePem];
    expect((await verifyNodeChain(nanchang.certificatePem, shuffled, root.certificatePem)).code).toBe('360100');
  });

  it('accepts provinces, ministries and the national root itself', async () => {
    const { root, jiangxi, ministry } = tree;
    expect((await verifyNodeChain(jiangxi.certificatePem, [], root.certificatePem)).path).toEqual(['360000', '100000']);
    expect((await verifyNodeChain(ministry.certificatePem, [], root.certificatePem)).level).toBe('ministry');
    expect(await verifyNodeChain(root.certificatePem, [], root.certificatePem)).toMatchObject({
      code: '100000',
      issuerCode: null,
      path: ['100000'],
    });
  });

  it('refuses an expired certificate and one not yet valid', async () => {
    const { nanchang, root } = tree;
    const leaf = new x509.X509Certificate(nanchang.certificatePem);
    await expect(
      verifyNodeChain(nanchang.certificatePem, nanchang.chainPems, root.certificatePem, {
        at: new Date(leaf.notAfter.getTime() + 1000),
      }),
    ).rejects.toEqual(refusal(NodeCertificateProblem.Expired));
    await expect(
      verifyNodeChain(nanchang.certificatePem, nanchang.chainPems, root.certificatePem, {
        at: new Date(leaf.notBefore.getTime() - 1000),
      }),
    ).rejects.toEqual(refusal(NodeCertificateProblem.NotYetValid));
  });

  it('refuses a certificate whose signature was tampered with', async () => {
    const { nanchang, root } = tree;
    const der = Buffer.from(new x509.X509Certificate(nanchang.certificatePem).rawData);
    der[der.length - 5] ^= 0x01; // inside the ECDSA signature value
    await expect(verifyNodeChain(der, nanchang.chainPems, root.certificatePem)).rejects.toEqual(
      refusal(NodeCertificateProblem.BadSignature),
    );
  });

  it('refuses a chain that does not reach the trusted root', async () => {
    const { nanchang } = tree;
    const otherRoot = await rootNode();
    await expect(
      verifyNodeChain(nanchang.certificatePem, nanchang.chainPems, otherRoot.certificatePem),
    ).rejects.toEqual(refusal(NodeCertificateProblem.UnknownIssuer));
    await expect(verifyNodeChain(nanchang.certificatePem, [], tree.root.certificatePem)).rejects.toEqual(
      refusal(NodeCertificateProblem.UnknownIssuer),
    );
  });

  it('refuses a chain longer than a CA allows (path length exceeded)', async () => {
    const flatRoot = await rootNode({ pathLength: 0 });
    // issueNodeCertificate refuses this; a misbehaving root could still sign it
    const province = await forgeCertificate(flatRoot, { subject: { code: '360000', name: '江西省' }, pathLength: 1 });
    const jiangxi = { ...flatRoot, code: '360000', keys: province.keys, certificatePem: province.certificatePem };
    const city = await childNode(jiangxi, { code: '360100', name: '南昌市' });
    await expect(
      verifyNodeChain(city.certificatePem, [province.certificatePem], flatRoot.certificatePem),
    ).rejects.toEqual(refusal(NodeCertificateProblem.PathLengthExceeded));
  });

  it('refuses an issuer that is not a CA', async () => {
    const { root } = tree;
    const endEntity = await forgeCertificate(root, { subject: { code: '360000', name: '江西省' }, ca: false });
    const province = { ...root, code: '360000', keys: endEntity.keys, certificatePem: endEntity.certificatePem };
    const city = await forgeCertificate(province, { subject: { code: '360100', name: '南昌市' } });
    await expect(verifyNodeChain(city.certificatePem, [endEntity.certificatePem], root.certificatePem)).rejects.toEqual(
      refusal(NodeCertificateProblem.NotACa),
    );
  });

  it('refuses a code outside the issuer’s subtree: 360000 certifying 440100', async () => {
    const { jiangxi, root } = tree;
    const rogue = await forgeCertificate(jiangxi, { subject: { code: '440100', name: '广州市' } });
    await expect(verifyNodeChain(rogue.certificatePem, [jiangxi.certificatePem], root.certificatePem)).rejects.toEqual(
      refusal(NodeCertificateProblem.OutsideSubtree),
    );
  });

  it('refuses a certificate without the node SAN, or whose SAN disagrees with the subject or the expected code', async () => {
    const { jiangxi, root, nanchang } = tree;
    const noSan = await forgeCertificate(jiangxi, { subject: { code: '360100', name: '南昌市' }, sanCode: null });
    await expect(verifyNodeChain(noSan.certificatePem, [jiangxi.certificatePem], root.certificatePem)).rejects.toEqual(
      refusal(NodeCertificateProblem.SanMissing),
    );
    const otherSan = await forgeCertificate(jiangxi, {
      subject: { code: '360100', name: '南昌市' },
      sanCode: '360400',
    });
    await expect(
      verifyNodeChain(otherSan.certificatePem, [jiangxi.certificatePem], root.certificatePem),
    ).rejects.toEqual(refusal(NodeCertificateProblem.SanMismatch));
    await expect(
      verifyNodeChain(nanchang.certificatePem, nanchang.chainPems, root.certificatePem, { expectedCode: '360400' }),
    ).rejects.toEqual(refusal(NodeCertificateProblem.SanMismatch));
  });

  it('refuses a revoked certificate, asking with its serial and issuer', async () => {
    const { nanchang, jiangxi, root } = tree;
    const asked: string[] = [];
    const revoked = (serial: string, issuerCode: string) => {
      asked.push(`${issuerCode}:${serial}`);
      return serial === nanchang.serial && issuerCode === '360000';
    };
    await expect(
      verifyNodeChain(nanchang.certificatePem, nanchang.chainPems, root.certificatePem, { revoked }),
    ).rejects.toEqual(refusal(NodeCertificateProblem.Revoked));
    expect(asked).toEqual([`360000:${nanchang.serial}`]);

    // a revoked province takes its cities with it
    const provinceRevoked = async (serial: string) => serial === jiangxi.serial;
    await expect(
      verifyNodeChain(nanchang.certificatePem, nanchang.chainPems, root.certificatePem, { revoked: provinceRevoked }),
    ).rejects.toEqual(refusal(NodeCertificateProblem.Revoked));
  });

  it('refuses what is not a certificate', async () => {
    await expect(verifyNodeChain('not a certificate', [], tree.root.certificatePem)).rejects.toEqual(
      refusal(NodeCertificateProblem.Malformed),
    );
  });

  it('finds the right issuer when a parent has re-keyed (same name, two certificates)', async () => {
    const { root, jiangxi } = tree;
    const oldCity = await childNode(jiangxi, { code: '360100', name: '南昌市' });
    const rekeyed = await childNode(root, { code: '360000', name: '江西省' });
    const newCity = await childNode(rekeyed, { code: '360100', name: '南昌市' });
    const pool = [rekeyed.certificatePem, jiangxi.certificatePem];
    expect((await verifyNodeChain(oldCity.certificatePem, pool, root.certificatePem)).code).toBe('360100');
    expect((await verifyNodeChain(newCity.certificatePem, pool, root.certificatePem)).code).toBe('360100');
    const notBefore = new Date(Date.now() + 400 * DAY);
    await expect(verifyNodeChain(newCity.certificatePem, pool, root.certificatePem, { at: notBefore })).rejects.toEqual(
      refusal(NodeCertificateProblem.Expired),
    );
  });
});
