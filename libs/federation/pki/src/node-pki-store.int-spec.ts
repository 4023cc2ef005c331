import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitPemBundle } from './certificate-fields.js';
import { readNodeCsr } from './certificate-request.js';
import { issueNodeCertificate } from './node-ca.js';
import { NodePkiStore, PKI_FILES, pkiDir } from './node-pki-store.js';
import { rootNode } from './pki-tree.fixture.js';
import { NodeCertificateProblem } from './pki.exception.js';
import { verifyNodeChain } from './verify-node-chain.js';

// The node's PKI files on a real file system: national, a province and a city enrol and rotate.
describe('NodePkiStore', () => {
  let base: string;
  const store = (name: string) => new NodePkiStore(join(base, name));
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'govdata-pki-'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('node init: one key (0600, folder 0700) and a CSR naming the node; running it again changes nothing', async () => {
    const city = store('city');
    const first = await city.init({ code: '360100', name: '南昌市' });
    expect(first.keyCreated).toBe(true);
    expect(await readNodeCsr(first.csrPem)).toMatchObject({ code: '360100', name: '南昌市' });
    const keyPath = join(pkiDir(city.dataDir), first.generation, PKI_FILES.key);
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    expect(statSync(pkiDir(city.dataDir)).mode & 0o777).toBe(0o700);
    expect(readFileSync(keyPath, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);

    const again = await city.init({ code: '360100', name: '南昌市' });
    expect(again).toEqual({ generation: first.generation, csrPem: first.csrPem, keyCreated: false });
    await expect(city.init({ code: '360200', name: '景德镇市' })).rejects.toMatchObject({
      problem: NodeCertificateProblem.SanMismatch,
    });
  });

  it('enrols national → province → city: root, approve, install, and loads an mTLS identity', async () => {
    const national = store('national');
    const rootPem = await national.initRoot({ name: '国家政务大数据平台' });
    expect((await national.loadTlsIdentity()).code).toBe('100000');

    const province = store('province');
    const { csrPem } = await province.init({ code: '360000', name: '江西省' });
    const approved = await national.approve(csrPem);
    expect(approved).toMatchObject({ code: '360000', level: 'provincial', pathLength: 1, trustedRootPem: rootPem });
    expect(splitPemBundle(approved.bundlePem)).toHaveLength(1); // the root is not sent along
    await province.installCertificate(approved.bundlePem, approved.trustedRootPem);

    const city = store('city');
    const cityCsr = await city.init({ code: '360100', name: '南昌市' });
    const cityApproved = await province.approve(cityCsr.csrPem);
    expect(splitPemBundle(cityApproved.bundlePem)).toHaveLength(2);
    const { node } = await city.installCertificate(cityApproved.bundlePem, cityApproved.trustedRootPem);
    expect(node.path).toEqual(['360100', '360000', '100000']);

    const identity = await city.loadTlsIdentity();
    expect(identity).toMatchObject({ code: '360100', generation: cityCsr.generation, trustedRootPem: rootPem });
    expect(identity.warning).toBeUndefined();
    const [leaf, ...chain] = splitPemBundle(identity.certificateChainPem);
    expect((await verifyNodeChain(leaf!, chain, identity.trustedRootPem)).code).toBe('360100');
  });

  it('refuses to install a certificate for another key or from another root', async () => {
    const root = await rootNode();
    const province = store('province');
    const { csrPem } = await province.init({ code: '360000', name: '江西省' });

    const strangerStore = store('stranger');
    const stranger = await strangerStore.init({ code: '360000', name: '江西省' });
    const forStranger = await issueNodeCertificate(root, stranger.csrPem);
    await expect(province.installCertificate(forStranger.certificatePem, root.certificatePem)).rejects.toMatchObject({
      problem: NodeCertificateProblem.KeyMismatch,
    });

    const mine = await issueNodeCertificate(root, csrPem);
    await province.installCertificate(mine.certificatePem, root.certificatePem);
    const otherRoot = await rootNode();
    const fromOtherRoot = await issueNodeCertificate(otherRoot, csrPem);
    await expect(
      province.installCertificate(fromOtherRoot.certificatePem, otherRoot.certificatePem),
    ).rejects.toMatchObject({
      problem: NodeCertificateProblem.UnknownIssuer,
    });
  });

  it('rotates: a new key beside the old, both certificates valid, then an atomic switch', async () => {
    const national = store('national');
    await national.initRoot({ name: '国家政务大数据平台' });
    const province = store('province');
    const node = { code: '360000', name: '江西省' };
    const first = await province.init(node);
    const firstCert = await national.approve(first.csrPem);
    await province.installCertificate(firstCert.bundlePem, firstCert.trustedRootPem);

    const next = await province.beginRotation(node);
    expect(next.generation).not.toBe(first.generation);
    expect(await province.beginRotation(node)).toEqual(next); // pending until the parent answers
    await expect(province.activate(next.generation)).rejects.toMatchObject({ code: 'rule_violated' });
    expect(await province.activeGeneration()).toBe(first.generation);

    const nextCert = await national.approve(next.csrPem);
    const installed = await province.installCertificate(nextCert.bundlePem, nextCert.trustedRootPem);
    expect(installed.generation).toBe(next.generation);
    // both keys work until the switch: the old one is still active, the new one loadable
    expect((await province.loadTlsIdentity()).generation).toBe(first.generation);
    expect((await province.loadTlsIdentity(next.generation)).code).toBe('360000');

    await province.activate(next.generation);
    expect(await province.activeGeneration()).toBe(next.generation);
    expect(await province.generations()).toEqual([
      expect.objectContaining({ id: first.generation, active: false, certificatePem: expect.any(String) }),
      expect.objectContaining({ id: next.generation, active: true, certificatePem: expect.any(String) }),
    ]);
    // children signed by the old key still verify against the province's pool of certificates
    expect(await province.issuerPool()).toHaveLength(2);
    const city = store('city');
    const cityCsr = await city.init({ code: '360100', name: '南昌市' });
    const cityCert = await province.approve(cityCsr.csrPem);
    const ca = await province.loadCertificateAuthority();
    expect(splitPemBundle(cityCert.bundlePem)[1]!.trim()).toBe(ca.certificatePem.trim());
  });

  it('warns when the key file is readable by others', async () => {
    const national = store('national');
    await national.initRoot({ name: '国家政务大数据平台' });
    const generation = (await national.activeGeneration())!;
    const keyPath = join(pkiDir(national.dataDir), generation, PKI_FILES.key);
    chmodSync(keyPath, 0o644);
    expect((await national.loadTlsIdentity()).warning).toEqual({ path: keyPath, mode: '0644' });
  });
});
