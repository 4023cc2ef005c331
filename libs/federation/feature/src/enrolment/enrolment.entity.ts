import { EntitySchema } from 'typeorm';
import type { Enrolment, EnrolmentToken } from './enrolment.repository.js';

/** A token row: what the repository hands out, and the hash it never does. */
export interface EnrolmentTokenRecord extends EnrolmentToken {
  tokenHash: string;
}

/** `enrolment_token` (migration CreateEnrolmentRegistry1764000000000), column by column. */
export const EnrolmentTokenEntity = new EntitySchema<EnrolmentTokenRecord>({
  name: 'EnrolmentToken',
  tableName: 'enrolment_token',
  columns: {
    id: { type: 'uuid', primary: true },
    tokenHash: { name: 'token_hash', type: 'text', unique: true },
    childCode: { name: 'child_code', type: 'text' },
    childName: { name: 'child_name', type: 'text' },
    level: { type: 'text' },
    createdBy: { name: 'created_by', type: 'text' },
    createdAt: { name: 'created_at', type: 'timestamptz', default: () => 'now()' },
    expiresAt: { name: 'expires_at', type: 'timestamptz' },
    usedAt: { name: 'used_at', type: 'timestamptz', nullable: true },
  },
});

/** `enrolment` (migration CreateEnrolmentRegistry1764000000000), column by column. */
export const EnrolmentEntity = new EntitySchema<Enrolment>({
  name: 'Enrolment',
  tableName: 'enrolment',
  columns: {
    id: { type: 'uuid', primary: true },
    tokenId: { name: 'token_id', type: 'uuid', unique: true },
    childCode: { name: 'child_code', type: 'text' },
    childName: { name: 'child_name', type: 'text' },
    level: { type: 'text' },
    csrPem: { name: 'csr_pem', type: 'text' },
    status: { type: 'text', default: 'pending' },
    requestedAt: { name: 'requested_at', type: 'timestamptz', default: () => 'now()' },
    decidedAt: { name: 'decided_at', type: 'timestamptz', nullable: true },
    decidedBy: { name: 'decided_by', type: 'text', nullable: true },
    rejectReason: { name: 'reject_reason', type: 'text', nullable: true },
    certificateSerial: { name: 'certificate_serial', type: 'text', nullable: true },
    notBefore: { name: 'not_before', type: 'timestamptz', nullable: true },
    notAfter: { name: 'not_after', type: 'timestamptz', nullable: true },
    bundlePem: { name: 'bundle_pem', type: 'text', nullable: true },
    trustedRootPem: { name: 'trusted_root_pem', type: 'text', nullable: true },
  },
});
