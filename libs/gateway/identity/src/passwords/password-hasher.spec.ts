import { hashSecret, needsRehash, SCRYPT_PARAMETERS, verifySecret } from './password-hasher.js';

describe('password hashing (scrypt)', () => {
  it('stores the parameters, a salt and the hash, and verifies the right password only', async () => {
    const stored = await hashSecret('Correct-Horse-9');
    expect(stored).toMatch(/^scrypt\$N=131072,r=8,p=1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await verifySecret('Correct-Horse-9', stored)).toBe(true);
    expect(await verifySecret('correct-Horse-9', stored)).toBe(false);
    expect(await verifySecret('', stored)).toBe(false);
  });

  it('salts every hash differently', async () => {
    const [a, b] = await Promise.all([hashSecret('Same-Password-1'), hashSecret('Same-Password-1')]);
    expect(a).not.toBe(b);
  });

  it('verifies hashes made with other parameters and says they need rehashing', async () => {
    const old = await hashSecret('Legacy-Pass-42', { N: 1024, r: 8, p: 1 });
    expect(old.startsWith('scrypt$N=1024,r=8,p=1$')).toBe(true);
    expect(await verifySecret('Legacy-Pass-42', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashSecret('Current-Pass-42'))).toBe(false);
    expect(SCRYPT_PARAMETERS).toEqual({ N: 131072, r: 8, p: 1 });
  });

  it('still verifies a hash of the earlier default (N=2^15) and wants it upgraded', async () => {
    const earlier = await hashSecret('Earlier-Default-15', { N: 32_768, r: 8, p: 1 });
    expect(await verifySecret('Earlier-Default-15', earlier)).toBe(true);
    expect(needsRehash(earlier)).toBe(true);
  });

  it('never matches a malformed or tampered hash', async () => {
    const stored = await hashSecret('Tamper-Proof-7');
    expect(await verifySecret('Tamper-Proof-7', 'plaintext')).toBe(false);
    expect(await verifySecret('Tamper-Proof-7', stored.replace('N=131072', 'N=65536'))).toBe(false);
    expect(await verifySecret('Tamper-Proof-7', stored.replace('N=131072', 'N=4194304'))).toBe(false);
    expect(await verifySecret('Tamper-Proof-7', stored.replace('N=131072', 'N=130000'))).toBe(false);
  });
});
