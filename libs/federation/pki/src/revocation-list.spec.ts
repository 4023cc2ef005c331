import { federationTree } from './pki-tree.fixture.js';
import { NodeCertificateProblem } from './pki.exception.js';
import { readRevocationList, revocationChecker, RevocationList, signRevocationList } from './revocation-list.js';
import { verifyNodeChain } from './verify-node-chain.js';
import { x509 } from './x509.js';

type Tree = Awaited<ReturnType<typeof federationTree>>;

describe('revocation list', () => {
  let tree: Tree;
  beforeAll(async () => {
    tree = await federationTree();
  });
  const revokedAt = new Date('2025-06-01T08:00:00Z');

  it('is an immutable value: revoking returns a new list with a higher number; twice changes nothing', () => {
    const empty = new RevocationList('360000');
    const one = empty.revoke({ serial: 'ABCDEF01', childCode: '360100', revokedAt, reason: 'key_compromise' });
    expect(empty.entries).toEqual([]);
    expect(one.number).toBe(1);
    expect(one.isRevoked('abcdef01')).toBe(true);
    expect(one.isRevoked('00abcdef01')).toBe(true);
    expect(one.entryFor('abcdef01')).toEqual({
      serial: 'abcdef01',
      childCode: '360100',
      revokedAt,
      reason: 'key_compromise',
    });
    expect(one.revoke({ serial: 'abcdef01', childCode: '360100', revokedAt, reason: 'superseded' })).toBe(one);
  });

  it('refuses entries for nodes that are not the issuer’s children', () => {
    expect(() =>
      new RevocationList('360000').revoke({ serial: '01', childCode: '440100', revokedAt, reason: 'unspecified' }),
    ).toThrow(expect.objectContaining({ problem: NodeCertificateProblem.OutsideSubtree }));
  });

  it('signs a CRL children can read back and verify: entries, reasons, CRL number, next update', async () => {
    const { jiangxi, nanchang, jiujiang } = tree;
    const list = new RevocationList('360000')
      .revoke({ serial: nanchang.serial, childCode: '360100', revokedAt, reason: 'key_compromise' })
      .revoke({
        serial: jiujiang.serial,
        childCode: '360400',
        revokedAt: new Date('2025-06-02T00:00:00Z'),
        reason: 'cessation_of_operation',
      });
    const thisUpdate = new Date('2025-06-02T01:00:00Z');
    const crlPem = await signRevocationList(list, jiangxi, { thisUpdate });
    expect(crlPem).toMatch(/^-----BEGIN X509 CRL-----/);

    const read = await readRevocationList(crlPem, jiangxi.certificatePem, { at: new Date('2025-06-02T02:00:00Z') });
    expect(read).toMatchObject({
      issuerCode: '360000',
      number: 2,
      thisUpdate,
      nextUpdate: new Date('2025-06-03T01:00:00Z'),
      stale: false,
    });
    expect(read.entries).toEqual([
      { serial: nanchang.serial, revokedAt, reason: 'key_compromise' },
      { serial: jiujiang.serial, revokedAt: new Date('2025-06-02T00:00:00Z'), reason: 'cessation_of_operation' },
    ]);
    expect(read.isRevoked(nanchang.serial)).toBe(true);
    expect(read.isRevoked(tree.guangzhou.serial)).toBe(false);
    expect(
      (await readRevocationList(crlPem, jiangxi.certificatePem, { at: new Date('2025-06-04T00:00:00Z') })).stale,
    ).toBe(true);
  });

  it('encodes CRL numbers beyond one byte', async () => {
    const list = new RevocationList('360000', [], 300).revoke({
      serial: tree.nanchang.serial,
      childCode: '360100',
      revokedAt,
      reason: 'unspecified',
    });
    const read = await readRevocationList(await signRevocationList(list, tree.jiangxi), tree.jiangxi.certificatePem);
    expect(read.number).toBe(301);
  });

  it('refuses a CRL not signed by the claimed issuer, and signing as another node', async () => {
    const { jiangxi, guangdong } = tree;
    const list = new RevocationList('360000');
    const crlPem = await signRevocationList(list, jiangxi);
    await expect(readRevocationList(crlPem, guangdong.certificatePem)).rejects.toMatchObject({
      problem: NodeCertificateProblem.BadSignature,
    });
    // same name, other key: a forged CRL
    const forged = await x509.X509CrlGenerator.create({
      issuer: new x509.X509Certificate(jiangxi.certificatePem).subjectName,
      signingKey: guangdong.keys.privateKey,
      signingAlgorithm: guangdong.keys.algorithm.signingAlgorithm,
    });
    await expect(readRevocationList(forged.toString('pem'), jiangxi.certificatePem)).rejects.toMatchObject({
      problem: NodeCertificateProblem.BadSignature,
    });
    await expect(signRevocationList(list, guangdong)).rejects.toMatchObject({
      problem: NodeCertificateProblem.KeyMismatch,
    });
    await expect(readRevocationList('nope', jiangxi.certificatePem)).rejects.toMatchObject({
      problem: NodeCertificateProblem.Malformed,
    });
  });

  it('feeds verifyNodeChain: a city revoked by its province is refused, its sibling is not', async () => {
    const { root, jiangxi, nanchang, jiujiang } = tree;
    const list = new RevocationList('360000').revoke({
      serial: nanchang.serial,
      childCode: '360100',
      revokedAt,
      reason: 'privilege_withdrawn',
    });
    const fetched = await readRevocationList(await signRevocationList(list, jiangxi), jiangxi.certificatePem);
    const revoked = revocationChecker(fetched, new RevocationList('100000'));
    await expect(
      verifyNodeChain(nanchang.certificatePem, nanchang.chainPems, root.certificatePem, { revoked }),
    ).rejects.toMatchObject({
      problem: NodeCertificateProblem.Revoked,
    });
    expect(
      (await verifyNodeChain(jiujiang.certificatePem, jiujiang.chainPems, root.certificatePem, { revoked })).code,
    ).toBe('360400');
  });
});
