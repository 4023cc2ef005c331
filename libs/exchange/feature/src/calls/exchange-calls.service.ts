import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { isUuid } from '@govdata/codes';
import { CALL_METHODS } from '../resources/openapi-operations.js';
import { CallPlans } from './call-plans.js';
import type { ProviderCallResult } from './provider-call.js';
import { ProviderCallUseCase } from './provider-call.usecase.js';
import { RemoteProviderClient } from './remote-provider.client.js';
import { CallRefusal, CallRequestProblem, withReason } from './call.exception.js';

/** A call as a consumer system sends it to its own node (REST or gRPC), before any check. */
export interface ConsumerRequest {
  grantId: string;
  method: string;
  /** Path and query of the operation (`/persons/1?x=y`), as received. */
  target: string;
  body: Buffer | null;
  /** Media type of the body, when there is one. */
  contentType: string | null;
}

const MAX_TARGET_LENGTH = 4_096;

/**
 * 消费方入口 — a consumer system's call at its own node: the token's account must be a service
 * account of this node; the call goes to the exchange of the grant's provider node — here, or on
 * another node through the federation (`RemoteProviderClient`).
 */
@Injectable()
export class ExchangeCallsService {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly plans: CallPlans,
    private readonly provider: ProviderCallUseCase,
    private readonly remote: RemoteProviderClient,
  ) {}

  async call(principal: Principal, request: ConsumerRequest): Promise<ProviderCallResult> {
    const parsed = parseRequest(request);
    if (principal.kind !== 'service') {
      throw withReason(
        GovdataError.forbidden(
          '交换调用须使用服务账号令牌（客户端凭证） (exchange calls are made with a service account token (client credentials))',
        ),
        CallRefusal.ServiceAccountRequired,
      );
    }
    if (principal.nodeCode !== this.config.node.code) {
      throw withReason(
        GovdataError.forbidden(
          `消费方只能调用本节点的交换服务；本节点为 ${this.config.node.code} (a consumer calls its own node's exchange; this is node ${this.config.node.code})`,
        ),
        CallRefusal.ForeignToken,
      );
    }
    const plan = await this.plans.get(parsed.grantId);
    if (!plan) {
      throw withReason(
        GovdataError.forbidden(`授权 ${parsed.grantId} 不存在 (there is no grant ${parsed.grantId})`),
        CallRefusal.NoGrant,
      );
    }
    const call = {
      callId: randomUUID(),
      grantId: parsed.grantId,
      consumer: { node: principal.nodeCode, organisationId: principal.organisationId, subject: principal.subject },
      method: parsed.method,
      path: parsed.path,
      query: parsed.query,
      body: request.body,
      receivedAt: new Date(),
    };
    if (plan.grant.providerNode !== this.config.node.code) return this.remote.call(plan.grant.providerNode, call);
    return this.provider.execute(call);
  }
}

/** A malformed call is a 400 naming the part at fault. */
function parseRequest(request: ConsumerRequest): { grantId: string; method: string; path: string; query: string } {
  const problems: Array<{ path: string; rule: string; message: string }> = [];
  if (!isUuid(request.grantId))
    problems.push({ path: 'grantId', rule: CallRequestProblem.Uuid, message: '授权 ID（UUID） (a grant id (UUID))' });
  const method = request.method.toUpperCase();
  if (!(CALL_METHODS as readonly string[]).includes(method)) {
    problems.push({
      path: 'method',
      rule: CallRequestProblem.Method,
      message: `取值须为 ${CALL_METHODS.join(', ')} 之一 (one of ${CALL_METHODS.join(', ')})`,
    });
  }
  const [path = '', ...rest] = request.target.split('?');
  const query = rest.join('?');
  if (!path.startsWith('/') || path.length > MAX_TARGET_LENGTH || request.target.length > MAX_TARGET_LENGTH) {
    problems.push({
      path: 'path',
      rule: CallRequestProblem.OperationPath,
      message: `以 / 开头的操作路径，最多 ${MAX_TARGET_LENGTH} 个字符 (an operation path starting with /, at most ${MAX_TARGET_LENGTH} characters)`,
    });
  } else if (!wellFormedPath(path)) {
    problems.push({
      path: 'path',
      rule: CallRequestProblem.OperationPath,
      message:
        '不得含有空的、"." 或 ".." 路径段，且百分号编码须有效 (no empty, "." or ".." segments and valid percent-encoding)',
    });
  }
  if (request.body && request.body.length > 0) {
    if (!/^application\/([\w.+-]+\+)?json\b/i.test(request.contentType ?? '')) {
      problems.push({
        path: '(body)',
        rule: CallRequestProblem.MediaType,
        message: '调用请求体须为 JSON（application/json） (a call body is JSON (application/json))',
      });
    } else if (method === 'GET' || method === 'DELETE') {
      problems.push({
        path: '(body)',
        rule: CallRequestProblem.NoBody,
        message: `${method} 调用没有请求体 (a ${method} call has no body)`,
      });
    }
  }
  if (problems.length > 0) throw GovdataError.validation(problems);
  return { grantId: request.grantId, method, path, query };
}

function wellFormedPath(path: string): boolean {
  const segments = path.slice(1).split('/');
  return segments.every((segment) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return false;
    }
    return segment !== '' && decoded !== '.' && decoded !== '..' && !decoded.includes('/');
  });
}
