import type { Command } from 'commander';
import { EnrolmentClientError, fetchEnrolment, initNodeKey, requestEnrolment } from '@govdata/federation-feature';
import type { NodeConfig } from '@govdata/platform-config';
import { loadConfigOrExit } from '@govdata/platform-service';

/**
 * `govdata node init|enrol` (the child's side) and `govdata federation …` (the parent operator's).
 * The operator commands are thin clients of the node's own gateway API with an access token
 * (`--access-token` or GOVDATA_ACCESS_TOKEN): the same rules, roles and audit as the HTTP routes.
 */
export function registerNodeEnrolmentCommands(node: Command): void {
  node
    .command('init')
    .description('create the node key and certificate request (national: the self-signed root)')
    .requiredOption('--config <file>', 'node.yaml', process.env['GOVDATA_CONFIG'])
    .action(async (options: { config: string }) => {
      const config = loadConfigOrExit(options.config);
      const result = await initNodeKey(config);
      if (result.national) {
        process.stdout.write(`national root certificate: ${result.rootPath}\n`);
      } else {
        process.stdout.write(
          `${result.keyCreated ? 'node key created' : 'node key exists'}; certificate request: ${result.csrPath}\n` +
            `next: govdata node enrol --config ${options.config} --token <enrolment token from ${config.node.parent?.code}>\n`,
        );
      }
    });

  node
    .command('enrol')
    .description('send the certificate request to the parent (--token), or fetch and install its answer (--fetch)')
    .requiredOption('--config <file>', 'node.yaml', process.env['GOVDATA_CONFIG'])
    .option('--token <token>', 'the one-time enrolment token the parent operator issued')
    .option('--fetch', 'fetch the answer and install the certificate once approved')
    .option('--wait <seconds>', 'with --fetch: keep asking until approved or rejected', '0')
    .action(async (options: { config: string; token?: string; fetch?: boolean; wait: string }) => {
      const config = loadConfigOrExit(options.config);
      await reportingClientErrors(async () => {
        if (options.token) {
          const local = await requestEnrolment(config, options.token);
          process.stdout.write(`enrolment ${local.id} sent to ${local.parentCode}: pending approval\n`);
          if (!options.fetch) return;
        } else if (!options.fetch) {
          throw new EnrolmentClientError('give --token <enrolment token> to enrol, or --fetch to install the answer');
        }
        const deadline = Date.now() + Number(options.wait) * 1000;
        for (;;) {
          const answer = await fetchEnrolment(config);
          if (answer.installed) {
            const i = answer.installed;
            process.stdout.write(
              `certificate ${i.serial} from ${i.issuerCode} installed (key ${i.generation}), valid until ${i.notAfter}\n`,
            );
            return;
          }
          if (answer.status === 'rejected')
            throw new EnrolmentClientError(`enrolment rejected: ${answer.rejectReason}`);
          if (Date.now() >= deadline) {
            process.stdout.write('enrolment still pending approval at the parent\n');
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 5_000));
        }
      });
    });
}

export function registerFederationCommands(program: Command): void {
  const federation = program
    .command('federation')
    .description("enrol, approve and revoke child nodes; the node's registry (calls the node's own API)");
  const withApi = (command: Command) =>
    command
      .requiredOption('--config <file>', 'node.yaml', process.env['GOVDATA_CONFIG'])
      .option('--access-token <jwt>', 'an operator or node-admin access token', process.env['GOVDATA_ACCESS_TOKEN']);

  withApi(federation.command('token').argument('<childCode>', 'the child node code'))
    .description('issue a one-time enrolment token for a child (shown once)')
    .requiredOption('--name <name>', "the child node's name")
    .requiredOption('--level <level>', 'provincial | ministry | municipal')
    .option('--days <days>', 'days until the token expires', '7')
    .action(async (childCode: string, o: ApiOptions & { name: string; level: string; days: string }) => {
      const issued = await callNode(o, 'POST', '/enrolment-tokens', {
        childCode,
        childName: o.name,
        level: o.level,
        expiresInDays: Number(o.days),
      });
      process.stdout.write(`enrolment token for ${childCode} (expires ${issued['expiresAt']}):\n${issued['token']}\n`);
    });

  withApi(federation.command('enrolments'))
    .description('list enrolment requests')
    .option('--status <status>', 'pending | approved | rejected', 'pending')
    .action(async (o: ApiOptions & { status: string }) => {
      const { items } = await callNode(o, 'GET', `/enrolments?status=${encodeURIComponent(o.status)}`);
      printTable(items as Record<string, unknown>[], [
        'id',
        'childCode',
        'childName',
        'level',
        'status',
        'requestedAt',
      ]);
    });

  withApi(federation.command('approve').argument('<id>', 'enrolment id'))
    .description("approve an enrolment: this node signs the child's certificate")
    .option('--validity-days <days>', 'certificate lifetime in days (default 365)')
    .action(async (id: string, o: ApiOptions & { validityDays?: string }) => {
      const body = o.validityDays ? { validityDays: Number(o.validityDays) } : {};
      const result = await callNode(o, 'POST', `/enrolments/${encodeURIComponent(id)}/approve`, body);
      process.stdout.write(
        `approved ${result['childCode']}: certificate ${result['certificateSerial']} until ${result['notAfter']}\n`,
      );
    });

  withApi(federation.command('reject').argument('<id>', 'enrolment id'))
    .description('reject an enrolment')
    .requiredOption('--reason <text>', 'why')
    .action(async (id: string, o: ApiOptions & { reason: string }) => {
      await callNode(o, 'POST', `/enrolments/${encodeURIComponent(id)}/reject`, { reason: o.reason });
      process.stdout.write(`rejected ${id}\n`);
    });

  withApi(federation.command('revoke').argument('<code>', 'child node code'))
    .description("revoke a child's certificate; the CRL lists it at once")
    .requiredOption(
      '--reason <reason>',
      'key_compromise | affiliation_changed | superseded | cessation_of_operation | …',
    )
    .option('--note <text>', 'free text kept with the revocation')
    .action(async (code: string, o: ApiOptions & { reason: string; note?: string }) => {
      const result = await callNode(o, 'POST', `/children/${encodeURIComponent(code)}/revoke`, {
        reason: o.reason,
        ...(o.note ? { note: o.note } : {}),
      });
      process.stdout.write(
        `revoked ${code} (certificate ${result['certificateSerial']}), CRL #${result['crlNumber']}\n`,
      );
    });

  withApi(federation.command('status'))
    .description("this node's identity and its children")
    .action(async (o: ApiOptions) => {
      const self = await callNode(o, 'GET', '/node');
      process.stdout.write(
        `node ${self['code']} (${self['level']}) parent ${self['parentCode'] ?? '—'}: certificate ${self['certificate']}` +
          `${self['certificateSerial'] ? ` ${self['certificateSerial']} until ${self['notAfter']}, renew from ${self['renewalDueAt']}${self['renewalDue'] ? ' (DUE)' : ''}` : ''}\n\n`,
      );
      const { items } = await callNode(o, 'GET', '/children');
      const rows = (items as Record<string, unknown>[]).map((c) => {
        const ae = c['antiEntropy'] as { inSync: boolean; verifiedAt: string | null; records: number } | null;
        return {
          ...c,
          antiEntropy: ae
            ? `${ae.inSync ? 'in sync' : 'DIVERGED'} (${ae.records}) verified ${ae.verifiedAt ?? '—'}`
            : '—',
        };
      });
      printTable(rows, [
        'code',
        'name',
        'level',
        'status',
        'certificateSerial',
        'notAfter',
        'renewalDue',
        'lastSeenAt',
        'lagSeconds',
        'softwareVersion',
        'antiEntropy',
      ]);
    });

  withApi(federation.command('anti-entropy'))
    .description(
      '反熵校验: compare with the parent now (--run), or show a child’s last verified roots (--child <code>)',
    )
    .option('--run', 'run a comparison with the parent now')
    .option('--child <code>', 'show the last verified root per set of this child')
    .action(async (o: ApiOptions & { run?: boolean; child?: string }) => {
      if (o.child) {
        const view = await callNode(o, 'GET', `/children/${encodeURIComponent(o.child)}/anti-entropy`);
        printTable(
          (view['sets'] as Record<string, unknown>[]).map((s) => ({
            origin: s['origin'],
            inSync: s['inSync'],
            records: (s['parentRoot'] as { count: number }).count,
            root: (s['parentRoot'] as { digest: string }).digest.slice(0, 16),
            verifiedAt: s['verifiedAt'],
            divergence: JSON.stringify(s['divergence']),
          })),
          ['origin', 'inSync', 'records', 'root', 'verifiedAt', 'divergence'],
        );
        return;
      }
      const report = o.run
        ? await callNode(o, 'POST', '/anti-entropy/run', {})
        : await callNode(o, 'GET', '/anti-entropy');
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    });

  withApi(federation.command('renew'))
    .description("renew this node's certificate now, over the link to its parent")
    .action(async (o: ApiOptions) => {
      const renewed = await callNode(o, 'POST', '/node/renew', {});
      process.stdout.write(
        `certificate ${renewed['serial']} installed and active, valid until ${renewed['notAfter']}\n`,
      );
    });
}

interface ApiOptions {
  config: string;
  accessToken?: string;
}

async function callNode(
  options: ApiOptions,
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const config: NodeConfig = loadConfigOrExit(options.config);
  if (!options.accessToken) fail('an access token is required: --access-token <jwt> or GOVDATA_ACCESS_TOKEN');
  const url = `http://${config.serviceHost}:${config.services.gateway.http}/api/v1/federation${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${options.accessToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    fail(`cannot reach the node's gateway at ${url}: ${(error as Error).message}`);
  }
  const parsed = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const errors = (parsed['errors'] as Array<{ path: string; rule: string }> | undefined) ?? [];
    const fields = errors.map((e) => `${e.path} (${e.rule})`).join(', ');
    fail(
      `HTTP ${response.status}: ${String(parsed['detail'] ?? parsed['title'] ?? '')}${fields ? ` [${fields}]` : ''}`,
    );
  }
  return parsed;
}

function printTable(rows: Record<string, unknown>[], columns: string[]): void {
  if (rows.length === 0) {
    process.stdout.write('(none)\n');
    return;
  }
  const cell = (v: unknown) => (v === null || v === undefined ? '—' : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => `${values.map((v, i) => v.padEnd(widths[i]!)).join('  ')}\n`;
  process.stdout.write(line(columns));
  for (const row of rows) process.stdout.write(line(columns.map((c) => cell(row[c]))));
}

async function reportingClientErrors(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof EnrolmentClientError)) throw error;
    fail(error.message);
  }
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
