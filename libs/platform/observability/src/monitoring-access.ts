import { createHash, timingSafeEqual } from 'node:crypto';

export const MONITORING_ACCESS = Symbol('MONITORING_ACCESS');

/**
 * Who may read `/metrics` and the details of `/readyz`: whoever presents the node's monitoring
 * token (`http.metricsToken`) as a bearer token — Prometheus, an operator's curl. With no token
 * configured nobody may, and `/metrics` is not served at all.
 */
export class MonitoringAccess {
  private readonly digest: Buffer | undefined;

  constructor(token: string) {
    this.digest = token === '' ? undefined : sha256(token);
  }

  get enabled(): boolean {
    return this.digest !== undefined;
  }

  /** Compares digests in constant time, so the answer time tells nothing about the token. */
  allows(authorization: string | undefined): boolean {
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (this.digest === undefined || presented === undefined) return false;
    return timingSafeEqual(this.digest, sha256(presented));
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
