import { parseCertificate } from './certificate-fields.js';

/** Renew once two thirds of a certificate's life have passed: a year-long one about four months early. */
export const RENEWAL_FRACTION = 2 / 3;

export type CertificateLifetime = string | { notBefore: Date; notAfter: Date };

/** When a certificate should be renewed (a new key and CSR sent to the parent). */
export function renewalDueAt(certificate: CertificateLifetime, fraction = RENEWAL_FRACTION): Date {
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`renewal fraction ${fraction} is not between 0 and 1`);
  const { notBefore, notAfter } = typeof certificate === 'string' ? parseCertificate(certificate) : certificate;
  return new Date(notBefore.getTime() + (notAfter.getTime() - notBefore.getTime()) * fraction);
}

export function isDueForRenewal(
  certificate: CertificateLifetime,
  at = new Date(),
  fraction = RENEWAL_FRACTION,
): boolean {
  return at >= renewalDueAt(certificate, fraction);
}
