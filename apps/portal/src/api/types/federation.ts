/** A child node in the registry (mirrors ChildNode in libs/federation/feature registry.repository.ts). */
export interface ChildNode {
  code: string;
  name: string;
  level: string;
  status: 'pending' | 'active' | 'revoked';
  lastSeenAt: string | null;
  lagSeconds: number | null;
  notAfter: string | null;
}
