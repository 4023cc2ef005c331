import type { RevocationEntry } from '@govdata/federation-pki';
import { EntitySchema } from 'typeorm';
import type { ChildNode } from './registry.repository.js';

/**
 * `child_node` (migrations CreateEnrolmentRegistry1764000000000, LogAppendOrderAndNotify1766300000000),
 * the columns this node's registry reads; the links' silence marker is the link repository's.
 */
export const ChildNodeEntity = new EntitySchema<ChildNode>({
  name: 'ChildNode',
  tableName: 'child_node',
  columns: {
    code: { type: 'text', primary: true },
    name: { type: 'text' },
    level: { type: 'text' },
    status: { type: 'text' },
    certificateSerial: { name: 'certificate_serial', type: 'text', nullable: true },
    notBefore: { name: 'not_before', type: 'timestamptz', nullable: true },
    notAfter: { name: 'not_after', type: 'timestamptz', nullable: true },
    enrolledAt: { name: 'enrolled_at', type: 'timestamptz', nullable: true },
    revokedAt: { name: 'revoked_at', type: 'timestamptz', nullable: true },
    revokeReason: { name: 'revoke_reason', type: 'text', nullable: true },
    lastSeenAt: { name: 'last_seen_at', type: 'timestamptz', nullable: true },
    lagSeconds: { name: 'lag_seconds', type: 'double precision', nullable: true },
    softwareVersion: { name: 'software_version', type: 'text', nullable: true },
  },
});

/** `revocation`: one revoked certificate, what the CRL lists (note and who revoked kept beside it). */
export interface RevocationRecord extends RevocationEntry {
  note: string | null;
  revokedBy: string;
}

export const RevocationEntity = new EntitySchema<RevocationRecord>({
  name: 'Revocation',
  tableName: 'revocation',
  columns: {
    serial: { type: 'text', primary: true },
    childCode: { name: 'child_code', type: 'text' },
    revokedAt: { name: 'revoked_at', type: 'timestamptz' },
    reason: { type: 'text' },
    note: { type: 'text', nullable: true },
    revokedBy: { name: 'revoked_by', type: 'text' },
  },
});

/** `revocation_list`: this node's CRL number and the last CRL it signed. */
export interface RevocationListRecord {
  issuerCode: string;
  number: number;
  crlPem: string | null;
  signedAt: Date | null;
}

export const RevocationListEntity = new EntitySchema<RevocationListRecord>({
  name: 'RevocationList',
  tableName: 'revocation_list',
  columns: {
    issuerCode: { name: 'issuer_code', type: 'text', primary: true },
    number: { type: 'integer' },
    crlPem: { name: 'crl_pem', type: 'text', nullable: true },
    signedAt: { name: 'signed_at', type: 'timestamptz', nullable: true },
  },
});
