import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createKeyFileOnce, generateSm2KeyPair, isSm2Key, type CryptoProfileName } from '@govdata/platform-crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where the exchange keeps the key that signs its audit checkpoints, relative to `node.dataDir`:
 * Ed25519, or SM2 under the 国密 profile.
 */
export function auditSigningKeyPath(dataDir: string, profile: CryptoProfileName = 'international'): string {
  return join(dataDir, 'keys', profile === 'sm' ? 'exchange-audit.sm2.pem' : 'exchange-audit.ed25519.pem');
}

/**
 * Loads the node's audit checkpoint key (PKCS#8 PEM, mode 0600), creating it on first use. Replicas
 * racing to create it agree: the file is written whole under a temporary name and linked into place,
 * which fails for all but the first.
 */
export async function loadOrCreateAuditSigningKey(
  dataDir: string,
  profile: CryptoProfileName = 'international',
): Promise<KeyObject> {
  const path = auditSigningKeyPath(dataDir, profile);
  try {
    return await load(path, profile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = profile === 'sm' ? generateSm2KeyPair() : generateKeyPairSync('ed25519');
  await createKeyFileOnce(path, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  return load(path, profile);
}

async function load(path: string, profile: CryptoProfileName): Promise<KeyObject> {
  const pem = await readFile(path, 'utf8');
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new Error(`the audit signing key file ${path} is not a PEM private key; restore it from backup`);
  }
  if (profile === 'sm' ? !isSm2Key(key) : key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`the audit signing key file ${path} is not an ${profile === 'sm' ? 'SM2' : 'Ed25519'} key`);
  }
  return key;
}
