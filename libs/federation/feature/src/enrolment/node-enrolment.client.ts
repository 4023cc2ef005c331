import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NodePkiStore, PKI_FILES, splitPemBundle, verifyNodeChain } from '@govdata/federation-pki';
import type { NodeConfig } from '@govdata/platform-config';
import type { EnrolmentAnswer } from './enrolment.service.js';

/** What a child keeps between `node enrol --token` and `node enrol --fetch` (mode 0600: holds the token). */
export interface LocalEnrolment {
  id: string;
  token: string;
  parentCode: string;
  parentGateway: string;
  requestedAt: string;
}

export class EnrolmentClientError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'EnrolmentClientError';
  }
}

export function localEnrolmentPath(config: NodeConfig): string {
  return join(config.node.dataDir, 'federation', 'enrolment.json');
}

/**
 * `govdata node init`: the node key and CSR (national: the self-signed root, nothing to send).
 * Running it again changes nothing.
 */
export async function initNodeKey(config: NodeConfig) {
  const store = new NodePkiStore(config.node.dataDir);
  if (config.node.level === 'national') {
    await store.initRoot({ name: config.node.name });
    return { national: true as const, rootPath: join(store.dir, PKI_FILES.root) };
  }
  const { generation, keyCreated, csrPem } = await store.init({ code: config.node.code, name: config.node.name });
  return { national: false as const, keyCreated, csrPem, csrPath: join(store.dir, generation, PKI_FILES.csr) };
}

/** `govdata node enrol --token`: sends the CSR to the parent's gateway and remembers the enrolment. */
export async function requestEnrolment(config: NodeConfig, token: string): Promise<LocalEnrolment> {
  const parent = requireParent(config);
  const { csrPem } = await new NodePkiStore(config.node.dataDir).init({
    code: config.node.code,
    name: config.node.name,
  });
  const response = await fetch(`${parent.gateway}/api/v1/federation/enrolments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, csr: csrPem }),
  });
  const body = await readBody(response);
  if (response.status !== 202) throw refused(`the parent ${parent.code} refused the enrolment`, response, body);
  const local: LocalEnrolment = {
    id: (body as { id: string }).id,
    token,
    parentCode: parent.code,
    parentGateway: parent.gateway,
    requestedAt: new Date().toISOString(),
  };
  const path = localEnrolmentPath(config);
  await mkdir(join(config.node.dataDir, 'federation'), { recursive: true, mode: 0o700 });
  await writeFile(`${path}.tmp`, `${JSON.stringify(local, null, 2)}\n`, { mode: 0o600 });
  await rename(`${path}.tmp`, path);
  return local;
}

/**
 * `govdata node enrol --fetch`: asks the parent for the answer; once approved, checks the certificate
 * names this node and was issued by the configured parent, then installs it.
 */
export async function fetchEnrolment(config: NodeConfig) {
  const parent = requireParent(config);
  let local: LocalEnrolment;
  try {
    local = JSON.parse(await readFile(localEnrolmentPath(config), 'utf8')) as LocalEnrolment;
  } catch {
    throw new EnrolmentClientError(
      `no enrolment in ${localEnrolmentPath(config)}: run \`govdata node enrol --token <token>\` first`,
    );
  }
  const url = `${local.parentGateway}/api/v1/federation/enrolments/${local.id}?token=${encodeURIComponent(local.token)}`;
  const response = await fetch(url);
  const body = await readBody(response);
  if (response.status !== 200)
    throw refused(`the parent ${parent.code} did not answer enrolment ${local.id}`, response, body);
  const answer = body as EnrolmentAnswer;
  if (answer.status !== 'approved' || !answer.bundlePem || !answer.trustedRootPem) {
    return { status: answer.status, rejectReason: answer.rejectReason, installed: null };
  }
  const [leaf, ...chain] = splitPemBundle(answer.bundlePem);
  const verified = await verifyNodeChain(leaf ?? '', chain, answer.trustedRootPem, { expectedCode: config.node.code });
  if (verified.issuerCode !== parent.code) {
    throw new EnrolmentClientError(
      `the certificate was issued by node ${verified.issuerCode}, not by the configured parent ${parent.code}`,
    );
  }
  const { generation, node } = await new NodePkiStore(config.node.dataDir).installCertificate(
    answer.bundlePem,
    answer.trustedRootPem,
  );
  return {
    status: answer.status,
    rejectReason: null,
    installed: { generation, serial: node.serial, issuerCode: node.issuerCode, notAfter: node.notAfter.toISOString() },
  };
}

function requireParent(config: NodeConfig) {
  if (!config.node.parent) {
    throw new EnrolmentClientError('the national node has no parent to enrol with; `govdata node init` makes its root');
  }
  return config.node.parent;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function refused(what: string, response: Response, body: unknown): EnrolmentClientError {
  const problem = body as { detail?: string; title?: string; errors?: Array<{ path: string; rule: string }> };
  const fields = problem.errors?.map((e) => `${e.path} (${e.rule})`).join(', ');
  return new EnrolmentClientError(
    `${what}: HTTP ${response.status} ${problem.detail ?? problem.title ?? String(body)}${fields ? ` [${fields}]` : ''}`,
    response.status,
  );
}
