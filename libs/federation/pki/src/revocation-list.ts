import { ErrorCode } from '@govdata/platform-errors';
import { namedNodeOf, normalizeSerial, parseCertificate } from './certificate-fields.js';
import { mayCertify } from './node-identity.js';
import type { NodeCertificateAuthority } from './node-ca.js';
import { NodeCertificateError, NodeCertificateProblem } from './pki.exception.js';
import { x509 } from './x509.js';

/** RFC 5280 CRLReason values a parent may give (吊销原因). */
export const REVOCATION_REASONS = {
  unspecified: x509.X509CrlReason.unspecified,
  key_compromise: x509.X509CrlReason.keyCompromise,
  ca_compromise: x509.X509CrlReason.cACompromise,
  affiliation_changed: x509.X509CrlReason.affiliationChanged,
  superseded: x509.X509CrlReason.superseded,
  cessation_of_operation: x509.X509CrlReason.cessationOfOperation,
  privilege_withdrawn: x509.X509CrlReason.privilegeWithdrawn,
} as const;
export type RevocationReason = keyof typeof REVOCATION_REASONS;

/** One revoked child certificate, as the parent records it. */
export interface RevocationEntry {
  /** Lower-case hex serial of the revoked certificate. */
  serial: string;
  childCode: string;
  revokedAt: Date;
  reason: RevocationReason;
}

/** Anything that can say whether a serial issued by a node is revoked. */
export interface RevocationSource {
  readonly issuerCode: string;
  isRevoked(serial: string): boolean;
}

/**
 * The revocations a parent keeps for its children — a pure, immutable value: `revoke` returns a new
 * list with `number` raised (the CRL number, so a child can tell a newer list from an older one).
 * Storage (PostgreSQL) is the caller's; rows map one-to-one onto `entries`.
 */
export class RevocationList implements RevocationSource {
  private readonly bySerial: ReadonlyMap<string, RevocationEntry>;

  constructor(
    readonly issuerCode: string,
    entries: Iterable<RevocationEntry> = [],
    /** Monotonic CRL number; 0 for a list never changed. */
    readonly number = 0,
  ) {
    const bySerial = new Map<string, RevocationEntry>();
    for (const entry of entries) {
      if (!mayCertify(issuerCode, entry.childCode)) {
        throw new NodeCertificateError(
          NodeCertificateProblem.OutsideSubtree,
          `node ${issuerCode} cannot revoke a certificate of ${entry.childCode}: not its child`,
          ErrorCode.RuleViolated,
        );
      }
      const serial = normalizeSerial(entry.serial);
      if (!/^[0-9a-f]+$/.test(serial)) {
        throw new NodeCertificateError(
          NodeCertificateProblem.Malformed,
          `${entry.serial} is not a hex serial number`,
          ErrorCode.ValidationFailed,
        );
      }
      bySerial.set(serial, { ...entry, serial });
    }
    this.bySerial = bySerial;
  }

  /** Oldest first. */
  get entries(): RevocationEntry[] {
    return [...this.bySerial.values()].sort((a, b) => a.revokedAt.getTime() - b.revokedAt.getTime());
  }

  /** A new list with this certificate revoked; revoking an already revoked serial changes nothing. */
  revoke(entry: RevocationEntry): RevocationList {
    if (this.isRevoked(entry.serial)) return this;
    return new RevocationList(this.issuerCode, [...this.bySerial.values(), entry], this.number + 1);
  }

  isRevoked(serial: string): boolean {
    return this.bySerial.has(normalizeSerial(serial));
  }

  entryFor(serial: string): RevocationEntry | undefined {
    return this.bySerial.get(normalizeSerial(serial));
  }
}

export interface SignRevocationListOptions {
  /** Default: now. */
  thisUpdate?: Date;
  /** When children should fetch a new list. Default: one day after `thisUpdate`. */
  nextUpdate?: Date;
}

const CRL_NUMBER_OID = '2.5.29.20';

/**
 * The signed statement of a revocation list: an X.509 v2 CRL (RFC 5280) signed by the parent's node
 * key, with the CRL number and the authority key id. A CRL rather than signed JSON because it stays
 * verifiable wherever it is relayed (a city checks its province against the national CRL it got via
 * the province), standard tools read it (`openssl crl -text`), and Node's TLS can load it
 * (`tls.createSecureContext({ crl })`) should a deployment check revocation in the handshake. The
 * child code is not in the CRL (serials identify certificates); the parent's records keep it.
 */
export async function signRevocationList(
  list: RevocationList,
  ca: NodeCertificateAuthority,
  options: SignRevocationListOptions = {},
): Promise<string> {
  const issuerCertificate = parseCertificate(ca.certificatePem, 'issuer certificate');
  const issuer = namedNodeOf(issuerCertificate.subjectName, issuerCertificate.extensions);
  if (issuer.code !== list.issuerCode) {
    throw new NodeCertificateError(
      NodeCertificateProblem.KeyMismatch,
      `the revocation list of node ${list.issuerCode} cannot be signed as node ${issuer.code}`,
      ErrorCode.RuleViolated,
    );
  }
  const thisUpdate = options.thisUpdate ?? new Date();
  const crl = await x509.X509CrlGenerator.create(
    {
      issuer: issuerCertificate.subjectName,
      thisUpdate,
      nextUpdate: options.nextUpdate ?? new Date(thisUpdate.getTime() + 86_400_000),
      signingKey: ca.keys.privateKey,
      signingAlgorithm: ca.keys.algorithm.signingAlgorithm,
      extensions: [
        new x509.Extension(CRL_NUMBER_OID, false, encodeDerInteger(list.number)),
        await x509.AuthorityKeyIdentifierExtension.create(issuerCertificate.publicKey, false, ca.keys.algorithm.crypto),
      ],
      entries: list.entries.map((e) => ({
        serialNumber: e.serial,
        revocationDate: e.revokedAt,
        reason: REVOCATION_REASONS[e.reason],
      })),
    },
    ca.keys.algorithm.crypto,
  );
  // RFC 7468 §5 label (what OpenSSL reads); the library's own PEM says "CRL".
  return x509.PemConverter.encode(crl.rawData, 'X509 CRL');
}

/** A CRL whose signature was checked against its issuer's certificate. */
export interface VerifiedRevocations extends RevocationSource {
  number: number;
  thisUpdate: Date;
  nextUpdate: Date | undefined;
  /** `at` is past nextUpdate: the issuer should have published a newer list. The caller decides. */
  stale: boolean;
  entries: { serial: string; revokedAt: Date; reason: RevocationReason }[];
}

/**
 * Reads a CRL fetched from a parent (or relayed from further up) and checks it was signed by the node
 * whose certificate is given. Refuses a CRL signed by anyone else, or not yet in force at `at`.
 */
export async function readRevocationList(
  crlPem: string,
  issuerCertificatePem: string,
  { at = new Date() }: { at?: Date } = {},
): Promise<VerifiedRevocations> {
  let crl: x509.X509Crl;
  try {
    crl = new x509.X509Crl(crlPem);
  } catch (error) {
    throw new NodeCertificateError(
      NodeCertificateProblem.Malformed,
      `the revocation list is not a readable CRL: ${(error as Error).message}`,
    );
  }
  const issuerCertificate = parseCertificate(issuerCertificatePem, 'issuer certificate');
  const issuer = namedNodeOf(issuerCertificate.subjectName, issuerCertificate.extensions);
  const signed =
    crl.issuer === issuerCertificate.subject &&
    (await crl.verify({ publicKey: issuerCertificate.publicKey }).catch(() => false));
  if (!signed) {
    throw new NodeCertificateError(
      NodeCertificateProblem.BadSignature,
      `the revocation list was not signed by node ${issuer.code}`,
    );
  }
  if (at < crl.thisUpdate) {
    throw new NodeCertificateError(
      NodeCertificateProblem.NotYetValid,
      `the revocation list of node ${issuer.code} is dated in the future (${crl.thisUpdate.toISOString()})`,
    );
  }
  const numberExtension = crl.getExtension(CRL_NUMBER_OID);
  const reasons = new Map<number, RevocationReason>(
    Object.entries(REVOCATION_REASONS).map(([name, value]) => [value, name as RevocationReason]),
  );
  const entries = crl.entries.map((e) => ({
    serial: normalizeSerial(e.serialNumber),
    revokedAt: e.revocationDate,
    reason: reasons.get(e.reason ?? 0) ?? 'unspecified',
  }));
  const serials = new Set(entries.map((e) => e.serial));
  return {
    issuerCode: issuer.code,
    number: numberExtension ? decodeDerInteger(new Uint8Array(numberExtension.value)) : 0,
    thisUpdate: crl.thisUpdate,
    nextUpdate: crl.nextUpdate,
    stale: crl.nextUpdate !== undefined && at > crl.nextUpdate,
    entries,
    isRevoked: (serial) => serials.has(normalizeSerial(serial)),
  };
}

/** The `revoked` callback of `verifyNodeChain` from the lists a node holds (its own, its ancestors'). */
export function revocationChecker(...sources: RevocationSource[]): (serial: string, issuerCode: string) => boolean {
  return (serial, issuerCode) => sources.some((s) => s.issuerCode === issuerCode && s.isRevoked(serial));
}

function encodeDerInteger(value: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`CRL number ${value} is not a non-negative integer`);
  const bytes: number[] = [];
  let rest = value;
  do {
    bytes.unshift(rest % 256);
    rest = Math.floor(rest / 256);
  } while (rest > 0);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return Uint8Array.from([0x02, bytes.length, ...bytes]);
}

function decodeDerInteger(der: Uint8Array): number {
  if (der[0] !== 0x02 || der[1] === undefined) return 0;
  return der.subarray(2, 2 + der[1]).reduce((n, byte) => n * 256 + byte, 0);
}
