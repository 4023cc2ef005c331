import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ExchangeCallOutcome } from '@govdata/contracts';
import type { AuditRecord } from '@govdata/exchange-ledger';
import type { NodeConfig } from '@govdata/platform-config';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { AuditLog } from '../audit/audit-log.service.js';
import type { Grant } from '../grants/grant.js';
import { admissionRule, GrantAdmission, grantRefusal, type GrantCheck } from '../policy/grant-admission.js';
import { quotaExceeded, rateLimitExceeded } from '../policy/policy-errors.js';
import { isJsonObject } from '../policy/response-records.js';
import { applyResponsePolicy } from '../policy/response-policy.js';
import type { UpstreamOutcome } from '../policy/upstream-caller.js';
import { CallPlans, type CallPlan, type ResourcePlan } from './call-plans.js';
import type { ProviderCall, ProviderCallResult } from './provider-call.js';
import { CallRefusal, upstreamRefusal, withReason } from './call.exception.js';

/** What is logged about a call besides its parties: the operation, the outcome and the answer's size. */
interface CallFacts {
  operation: { method: string; path: string };
  outcome: ExchangeCallOutcome;
  status: number;
  reason: CallRefusal | null;
  bytes: number;
  records: number;
}

/**
 * 提供方执行 — the provider node's exchange enforcing one call, in order: the grant (grantee,
 * service account, validity, not revoked), the operation, the rate (token bucket), the quota, the
 * upstream (deadline, circuit breaker; nothing unsafe repeated), the permitted items, masking by the
 * entry's grade — then the audit ledger, whose commit the answer waits for.
 *
 * This is the function the federation calls for a consumer on another node: it takes the calling
 * party as that node vouches for it and answers a {@link ProviderCallResult}; tokens are checked by
 * whoever received the call.
 */
@Injectable()
export class ProviderCallUseCase {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly plans: CallPlans,
    private readonly admission: GrantAdmission,
    private readonly audit: AuditLog,
  ) {}

  async execute(call: ProviderCall): Promise<ProviderCallResult> {
    const started = performance.now();
    return this.enforce(call, await this.plans.get(call.grantId), started, false);
  }

  /** The checks against `plan`; `reread` when it was read again because the grant changed. */
  private async enforce(
    call: ProviderCall,
    plan: CallPlan | null,
    started: number,
    reread: boolean,
  ): Promise<ProviderCallResult> {
    if (!plan?.limits || plan.grant.providerNode !== this.config.node.code) {
      // Nothing to attribute the call to: refused, not logged.
      return {
        callId: call.callId,
        ledgerIndex: null,
        outcome: 'denied',
        answered: false,
        error: denied(
          CallRefusal.NoGrant,
          `节点 ${this.config.node.code} 上没有授权 ${call.grantId} (no grant ${call.grantId} is enforced by node ${this.config.node.code})`,
        ),
      };
    }
    const { grant, limits } = plan;
    const refuse = (facts: Omit<CallFacts, 'bytes' | 'records'>, error: GovdataError) =>
      this.finish(call, grant, plan.resource, started, { ...facts, bytes: 0, records: 0 }, { error });
    const requested = { method: call.method, path: call.path };

    const refusedBy = (check: GrantCheck, operation: CallFacts['operation']) => {
      const { refusal, outcome, status } = admissionRule(check);
      return { operation, outcome, status, reason: refusal };
    };

    const refusal = grantRefusal(grant, call.consumer, call.receivedAt);
    if (refusal) {
      return refuse(refusedBy(refusal.rule.check, requested), denied(refusal.rule.refusal, refusal.message));
    }
    const resource = plan.resource;
    if (!resource) {
      return refuse(
        refusedBy('resource-registered', requested),
        withReason(
          GovdataError.unavailable(
            `提供方尚未为目录 ${grant.entryCode ?? grant.entryId} 注册接口资源 (the provider has not registered an API for catalog entry ${grant.entryCode ?? grant.entryId})`,
          ),
          CallRefusal.ResourceNotRegistered,
        ),
      );
    }
    const operation = resource.matcher.match(call.method, call.path);
    if (!operation) {
      return refuse(
        refusedBy('operation-exposed', requested),
        withReason(
          new GovdataError(
            ErrorCode.NotFound,
            `${resource.resource.name} 未提供操作 ${call.method} ${call.path} (${resource.resource.name} exposes no operation ${call.method} ${call.path}; it has ${resource.matcher.describe()})`,
          ),
          CallRefusal.OperationNotExposed,
        ),
      );
    }
    // A plan read just now is the committed grant: a later version is a change still being made.
    const admitted = await this.admission.admit(grant.id, reread ? null : grant.version, limits);
    if (admitted.verdict === 'stale') {
      return this.enforce(call, await this.plans.reload(call.grantId), started, true);
    }
    if (admitted.verdict === 'rate-limited') {
      return refuse(
        refusedBy('rate', operation),
        withReason(rateLimitExceeded(grant.id, admitted.rate), CallRefusal.RateLimited),
      );
    }
    if (admitted.verdict === 'quota-exceeded') {
      return refuse(
        refusedBy('quota', operation),
        withReason(quotaExceeded(grant.id, admitted.quota, new Date()), CallRefusal.QuotaExceeded),
      );
    }

    const upstream = await resource.caller.call({
      method: call.method,
      path: upstreamPath(call, resource),
      headers: {
        accept: 'application/json',
        'x-request-id': call.callId,
        ...(call.body ? { 'content-type': 'application/json' } : {}),
        ...resource.credentialHeaders,
      },
      ...(call.body ? { body: call.body } : {}),
    });
    if (!upstream.ok) {
      return refuse(
        { operation, outcome: 'failed', status: upstream.status, reason: upstreamRefusal(upstream.reason) },
        upstreamError(upstream),
      );
    }

    const answer = policeAnswer(upstream, resource, operation.recordsAt ?? resource.resource.recordsAt ?? undefined);
    if ('error' in answer) {
      return refuse({ operation, outcome: 'failed', status: 502, reason: answer.reason }, answer.error);
    }
    return this.finish(
      call,
      grant,
      resource,
      started,
      {
        operation,
        outcome: 'ok',
        status: upstream.status,
        reason: null,
        bytes: answer.body.length,
        records: answer.records,
      },
      { status: upstream.status, body: answer.body },
    );
  }

  /** Logs the call, then answers; a call that could not be logged is not answered (503). */
  private async finish(
    call: ProviderCall,
    grant: Grant,
    resource: ResourcePlan | null,
    started: number,
    facts: CallFacts,
    answer: { error: GovdataError } | { status: number; body: Buffer },
  ): Promise<ProviderCallResult> {
    const at = new Date();
    const latencyMs = Math.max(0, Math.round(performance.now() - started));
    const providerOrganisationId = resource?.resource.organisationId ?? grant.providerOrganisationId;
    const base = { callId: call.callId, outcome: facts.outcome };
    if (providerOrganisationId === null) {
      // A grant whose provider organisation is unknown (its entry never reached this node): unloggable.
      return { ...base, ledgerIndex: null, answered: false, error: 'error' in answer ? answer.error : unlogged() };
    }
    const resourceName = grant.entryCode ?? grant.entryId;
    const record: AuditRecord = {
      callId: call.callId,
      at: at.toISOString(),
      consumer: call.consumer,
      provider: { node: this.config.node.code, organisationId: providerOrganisationId },
      grantId: grant.id,
      resource: resourceName,
      items: facts.records,
      outcome: facts.outcome,
      latencyMs,
      bytes: facts.bytes,
      requestHash: requestHash(call),
    };
    let ledgerIndex: number;
    try {
      ledgerIndex = await this.audit.append({
        record,
        metering: {
          callId: call.callId,
          at,
          grantId: grant.id,
          resourceId: resource?.resource.id ?? null,
          entryId: grant.entryId,
          consumerNode: call.consumer.node,
          consumerOrganisationId: call.consumer.organisationId,
          consumerSubject: call.consumer.subject,
          providerNode: this.config.node.code,
          providerOrganisationId,
          method: facts.operation.method,
          operationPath: facts.operation.path,
          outcome: facts.outcome,
          status: facts.status,
          reason: facts.reason,
          latencyMs,
          bytes: facts.bytes,
          records: facts.records,
        },
        event: {
          callId: call.callId,
          at: record.at,
          grantId: grant.id,
          consumer: call.consumer,
          provider: record.provider,
          resource: { id: resource?.resource.id ?? null, entryId: grant.entryId, entryCode: grant.entryCode },
          operation: { method: facts.operation.method, path: facts.operation.path },
          outcome: facts.outcome,
          status: facts.status,
          reason: facts.reason,
          latencyMs,
          bytes: facts.bytes,
          records: facts.records,
        },
      });
    } catch {
      return { ...base, ledgerIndex: null, answered: false, error: unlogged() };
    }
    if ('error' in answer) return { ...base, ledgerIndex, answered: false, error: answer.error };
    return {
      ...base,
      ledgerIndex,
      answered: true,
      status: answer.status,
      contentType: 'application/json; charset=utf-8',
      body: answer.body,
    };
  }
}

/** 403 naming why the grant does not cover the call. */
function denied(reason: CallRefusal, message: string): GovdataError {
  return withReason(GovdataError.forbidden(message), reason);
}

function unlogged(): GovdataError {
  return withReason(
    GovdataError.unavailable(
      '调用无法写入审计账本，未予应答 (the call could not be written to the audit ledger; it was not answered)',
      5,
    ),
    CallRefusal.AuditUnavailable,
  );
}

function upstreamError(outcome: Extract<UpstreamOutcome, { ok: false }>): GovdataError {
  const extra = {
    reason: upstreamRefusal(outcome.reason),
    attempts: outcome.attempts,
    ...(outcome.upstreamStatus !== undefined ? { upstreamStatus: outcome.upstreamStatus } : {}),
  };
  if (outcome.status === 504) return GovdataError.gatewayTimeout(outcome.message, extra);
  if (outcome.status === 503) {
    return new GovdataError(ErrorCode.Unavailable, outcome.message, [], {
      ...extra,
      retryAfterSeconds: outcome.retryAfterSeconds ?? 1,
    });
  }
  return GovdataError.badGateway(outcome.message, extra);
}

/** The upstream path: the operation's path, the consumer's query and a query-string API key. */
function upstreamPath(call: ProviderCall, resource: ResourcePlan): string {
  const params = new URLSearchParams(call.query);
  if (resource.credentialQuery) params.set(...resource.credentialQuery);
  const query = params.toString();
  return query ? `${call.path}?${query}` : call.path;
}

/**
 * The upstream's answer with unpermitted fields removed and the rest masked. Only JSON can be
 * policed: anything else is refused (502) rather than passed on unchecked.
 */
function policeAnswer(
  upstream: Extract<UpstreamOutcome, { ok: true }>,
  resource: ResourcePlan,
  recordsAt: string | undefined,
): { body: Buffer; records: number } | { error: GovdataError; reason: CallRefusal } {
  if (upstream.body.length === 0) return { body: upstream.body, records: 0 };
  const type = String(upstream.headers['content-type'] ?? '');
  const notPoliceable = (reason: CallRefusal, message: string) => ({
    reason,
    error: GovdataError.badGateway(message, { reason }),
  });
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    return notPoliceable(
      CallRefusal.UpstreamNotJson,
      `上游应答不是 JSON，无法按授权过滤 (the upstream answered ${type || 'without a content type'}; only JSON answers can be filtered by the grant)`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(upstream.body.toString('utf8'));
  } catch {
    return notPoliceable(
      CallRefusal.UpstreamInvalidJson,
      '上游应答的 JSON 无法解析 (the upstream answered JSON that does not parse)',
    );
  }
  const policed = applyResponsePolicy(body, resource.permitted, resource.masker, recordsAt);
  return {
    body: Buffer.from(JSON.stringify(policed.body), 'utf8'),
    records: countRecords(policed.body, policed.recordsAt),
  };
}

function countRecords(body: unknown, recordsAt: string): number {
  let node = body;
  for (const key of recordsAt ? recordsAt.split('.') : []) node = isJsonObject(node) ? node[key] : undefined;
  if (Array.isArray(node)) return node.length;
  return isJsonObject(node) ? 1 : 0;
}

/** SHA-256 of the request as received: method, path, query and body. */
function requestHash(call: ProviderCall): string {
  const hash = createHash('sha256').update(`${call.method} ${call.path}?${call.query}\n`);
  if (call.body) hash.update(call.body);
  return hash.digest('hex');
}
