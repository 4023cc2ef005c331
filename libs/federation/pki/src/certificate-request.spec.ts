import { createNodeCsr, readNodeCsr } from './certificate-request.js';
import { nodeSubjectName } from './certificate-fields.js';
import { generateNodeKeyPair } from './node-key.js';
import { NodeCertificateProblem } from './pki.exception.js';
import { x509 } from './x509.js';

describe('node certificate request', () => {
  it('names the node by CN, serialNumber and the SAN URI, signed with the node key', async () => {
    const keys = await generateNodeKeyPair();
    const pem = await createNodeCsr(keys, { code: '360100', name: '南昌市政务数据共享平台' });
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);

    const csr = await readNodeCsr(pem);
    expect(csr).toMatchObject({ code: '360100', name: '南昌市政务数据共享平台', level: 'municipal' });
    const raw = new x509.Pkcs10CertificateRequest(pem);
    expect(raw.subjectName.getField('2.5.4.5')).toEqual(['360100']);
    const san = raw.getExtension('2.5.29.17');
    expect(new x509.SubjectAlternativeNameExtension(san!.rawData).names.toJSON()).toEqual([
      { type: 'url', value: 'urn:govdata:node:360100' },
    ]);
    expect(raw.signatureAlgorithm).toMatchObject({ name: 'ECDSA', hash: { name: 'SHA-256' } });
  });

  it('refuses to create a request for something that is not a node code', async () => {
    const keys = await generateNodeKeyPair();
    await expect(createNodeCsr(keys, { code: '3601', name: 'x' })).rejects.toMatchObject({
      problem: NodeCertificateProblem.Malformed,
    });
  });

  it('refuses a request whose signature does not match its key', async () => {
    const [mine, theirs] = await Promise.all([generateNodeKeyPair(), generateNodeKeyPair()]);
    const forged = await x509.Pkcs10CertificateRequestGenerator.create({
      name: nodeSubjectName({ code: '360100', name: 'x' }),
      keys: { privateKey: theirs.privateKey, publicKey: mine.publicKey },
      signingAlgorithm: mine.algorithm.signingAlgorithm,
    });
    await expect(readNodeCsr(forged.toString('pem'))).rejects.toMatchObject({
      problem: NodeCertificateProblem.BadSignature,
      code: 'validation_failed',
    });
  });

  it('refuses a request without the node SAN, or whose serialNumber disagrees with it', async () => {
    const keys = await generateNodeKeyPair();
    const noSan = await x509.Pkcs10CertificateRequestGenerator.create({
      name: nodeSubjectName({ code: '360100', name: 'x' }),
      keys: { privateKey: keys.privateKey, publicKey: keys.publicKey },
      signingAlgorithm: keys.algorithm.signingAlgorithm,
    });
    await expect(readNodeCsr(noSan.toString('pem'))).rejects.toMatchObject({
      problem: NodeCertificateProblem.SanMissing,
    });

    const mismatch = await x509.Pkcs10CertificateRequestGenerator.create({
      name: nodeSubjectName({ code: '360200', name: 'x' }),
      keys: { privateKey: keys.privateKey, publicKey: keys.publicKey },
      signingAlgorithm: keys.algorithm.signingAlgorithm,
      extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'url', value: 'urn:govdata:node:360100' }])],
    });
    await expect(readNodeCsr(mismatch.toString('pem'))).rejects.toMatchObject({
      problem: NodeCertificateProblem.SanMismatch,
    });
  });

  it('refuses what is not a CSR', async () => {
    await expect(readNodeCsr('hello')).rejects.toMatchObject({ problem: NodeCertificateProblem.Malformed });
  });
});
