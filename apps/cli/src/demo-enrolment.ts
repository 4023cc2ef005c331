import { fetchEnrolment, initNodeKey, requestEnrolment } from '@govdata/federation-feature';
import { NodePkiStore } from '@govdata/federation-pki';
import { DEMO_PASSWORD } from '@govdata/demo-seed';
import type { NodeConfig } from '@govdata/platform-config';

/**
 * DEMO ONLY: enrols each demo node with its parent the way their operators would — the parent's
 * admin issues a one-time token, the child sends its certificate request, the parent approves, the
 * child installs the certificate — so the federation links come up and catalogs replicate upward.
 * Parents come first; a node that already holds a certificate is left as it is. Returns one line
 * per node for the launcher to print.
 */
export async function enrolDemoFederation(configs: readonly NodeConfig[]): Promise<string[]> {
  const lines: string[] = [];
  for (const config of configs) {
    const { code, name, level, parent } = config.node;
    if (await hasCertificate(config)) {
      lines.push(`${code} already enrolled`);
      continue;
    }
    if (!parent) {
      await initNodeKey(config);
      lines.push(`${code} national root CA created`);
      continue;
    }
    const parentConfig = configs.find((c) => c.node.code === parent.code);
    if (!parentConfig) {
      lines.push(`${code} not enrolled: its parent ${parent.code} is not part of this demo`);
      continue;
    }
    const gateway = `http://127.0.0.1:${parentConfig.services.gateway.http}`;
    const admin = await login(gateway);
    const issued = await call(gateway, admin, 'POST', '/api/v1/federation/enrolment-tokens', {
      childCode: code,
      childName: name,
      level,
    });
    await initNodeKey(config);
    const enrolment = await requestEnrolment(config, issued['token'] as string);
    await call(gateway, admin, 'POST', `/api/v1/federation/enrolments/${enrolment.id}/approve`, {});
    const fetched = await fetchEnrolment(config);
    lines.push(`${code} enrolled with ${parent.code}${fetched.installed ? '' : ` (${String(fetched.status)})`}`);
  }
  return lines;
}

async function hasCertificate(config: NodeConfig): Promise<boolean> {
  try {
    await new NodePkiStore(config.node.dataDir).loadTlsIdentity();
    return true;
  } catch {
    return false;
  }
}

async function login(gateway: string): Promise<string> {
  const body = await call(gateway, undefined, 'POST', '/api/v1/auth/token', {
    grant_type: 'password',
    username: 'admin',
    password: DEMO_PASSWORD,
  });
  return body['access_token'] as string;
}

async function call(
  gateway: string,
  token: string | undefined,
  method: string,
  path: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${gateway}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${gateway}${path} answered ${response.status}: ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}
