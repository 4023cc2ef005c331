import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ConstantBackoff,
  IsolatedCircuitError,
  circuitBreaker,
  handleWhen,
  retry,
  wrap,
  type CircuitBreakerPolicy,
  type IPolicy,
} from 'cockatiel';
import { OutboundRefusedError, outboundConnector, type OutboundPolicy } from '@govdata/platform-outbound';
import { Pool, request, type Dispatcher } from 'undici';
import { z } from 'zod';

/** How the exchange calls one provider upstream (validated when the API resource is registered). */
export const upstreamSettingsSchema = z
  .object({
    /** The provider's upstream base, http(s), without query; call paths are appended to it. */
    baseUrl: z.url({ protocol: /^https?$/, error: 'http(s) 网址 (an http(s) URL)' }),
    /** The whole call — connecting, the answer and its body, every attempt — must end within this. */
    timeoutMs: z.number().int().min(1).max(300_000).default(10_000),
    /** A larger answer is refused (502): the exchange holds answers in memory to filter them. */
    maxResponseBytes: z
      .number()
      .int()
      .min(1)
      .max(512 * 1024 * 1024)
      .default(10 * 1024 * 1024),
    breaker: z
      .object({
        /** Consecutive failures (unreachable, timeout, 5xx) that open the circuit. */
        consecutiveFailures: z.number().int().min(1).max(1_000).default(5),
        /** After this the next call is let through as a probe (half-open). */
        halfOpenAfterMs: z.number().int().min(1).max(3_600_000).default(30_000),
      })
      .strict()
      .default({ consecutiveFailures: 5, halfOpenAfterMs: 30_000 }),
    /** Further attempts after a connection failure, for safe methods (GET, HEAD, OPTIONS) only. */
    retries: z.number().int().min(0).max(5).default(1),
    /** Connections kept to the upstream. */
    connections: z.number().int().min(1).max(1_024).default(32),
  })
  .strict();
export type UpstreamSettings = z.input<typeof upstreamSettingsSchema>;
type ResolvedSettings = z.output<typeof upstreamSettingsSchema>;

export interface UpstreamRequest {
  method: string;
  /** Path and query, appended to the base URL (`/persons?id=1`). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export type UpstreamFailureReason =
  | 'timeout'
  | 'unreachable'
  | 'upstream-error'
  | 'too-large'
  | 'circuit-open'
  /** The node's outbound policy (`outbound.allow`) refuses the upstream's address. */
  | 'not-allowed';

export type UpstreamOutcome =
  | {
      ok: true;
      /** The upstream's own status (2xx–4xx pass through). */
      status: number;
      /** Response headers less hop-by-hop ones and the length (the body may be rewritten). */
      headers: Record<string, string | string[]>;
      body: Buffer;
      attempts: number;
    }
  | {
      ok: false;
      /** The exchange's answer: 504 timeout, 502 unreachable/5xx/too large/not allowed, 503 circuit open. */
      status: 502 | 503 | 504;
      reason: UpstreamFailureReason;
      message: string;
      /** With 503: seconds until the circuit lets a probe through (Retry-After). */
      retryAfterSeconds?: number;
      /** With upstream-error: the upstream's 5xx. */
      upstreamStatus?: number;
      attempts: number;
    };

const FAILURE_STATUS: Record<UpstreamFailureReason, 502 | 503 | 504> = {
  timeout: 504,
  unreachable: 502,
  'upstream-error': 502,
  'too-large': 502,
  'circuit-open': 503,
  'not-allowed': 502,
};

/** Methods that change nothing (RFC 9110 §9.2.1): the only ones repeated after a failure. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);
/** Errors that are the exchange's own bug (a malformed request), not the upstream's state. */
const PROGRAMMING_CODES = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
  'ERR_INVALID_ARG_TYPE',
  'ERR_INVALID_URL',
]);

/** One failed attempt; `countsAgainst` says whether it tells of an unhealthy upstream. */
class UpstreamFault extends Error {
  constructor(
    readonly reason: Exclude<UpstreamFailureReason, 'circuit-open'>,
    message: string,
    readonly upstreamStatus?: number,
  ) {
    super(message);
  }

  get countsAgainst(): boolean {
    return this.reason !== 'too-large' && this.reason !== 'not-allowed';
  }
}

/**
 * 上游调用 — calls one provider upstream with a deadline, a size limit and a circuit breaker
 * (cockatiel), and answers what the exchange should say. Nothing but safe methods is ever repeated:
 * a POST that may have reached the upstream is not sent twice.
 */
export class UpstreamCaller {
  private readonly settings: ResolvedSettings;
  private readonly base: URL;
  private readonly pool: Pool;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly safePolicy: IPolicy;
  private openedAt = 0;

  constructor(
    readonly name: string,
    settings: UpstreamSettings,
    /** Checks the address of every connection made to the upstream. */
    outbound: OutboundPolicy,
  ) {
    // Validated when the resource was registered; a bad one here is a bug, not bad input.
    this.settings = upstreamSettingsSchema.parse(settings);
    this.base = new URL(this.settings.baseUrl);
    this.pool = new Pool(this.base.origin, {
      connections: this.settings.connections,
      connect: outboundConnector(outbound),
    });
    this.breaker = circuitBreaker(
      handleWhen((error) => error instanceof UpstreamFault && error.countsAgainst),
      {
        halfOpenAfter: this.settings.breaker.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(this.settings.breaker.consecutiveFailures),
      },
    );
    this.breaker.onBreak(() => {
      this.openedAt = Date.now();
    });
    const repeat = retry(
      handleWhen((error) => error instanceof UpstreamFault && error.reason === 'unreachable'),
      { maxAttempts: this.settings.retries, backoff: new ConstantBackoff(50) },
    );
    // Retry outside the breaker: each attempt counts, and an open circuit is not retried.
    this.safePolicy = wrap(repeat, this.breaker);
  }

  /** closed, open, half-open — for status pages and metrics. */
  get circuit(): 'closed' | 'open' | 'half-open' | 'isolated' {
    const names = {
      [CircuitState.Closed]: 'closed',
      [CircuitState.Open]: 'open',
      [CircuitState.HalfOpen]: 'half-open',
      [CircuitState.Isolated]: 'isolated',
    } as const;
    return names[this.breaker.state];
  }

  async call(upstreamRequest: UpstreamRequest): Promise<UpstreamOutcome> {
    const method = upstreamRequest.method.toUpperCase();
    const policy: IPolicy = SAFE_METHODS.has(method) ? this.safePolicy : this.breaker;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.settings.timeoutMs);
    let attempts = 0;
    try {
      const answer = await policy.execute(() => {
        attempts++;
        return this.attempt(method, upstreamRequest, deadline.signal);
      }, deadline.signal);
      return { ok: true, ...answer, attempts };
    } catch (error) {
      if (!isUpstreamFailure(error) && !deadline.signal.aborted) throw error;
      return this.failure(error, attempts);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  private async attempt(method: string, upstreamRequest: UpstreamRequest, signal: AbortSignal) {
    const url = new URL(this.base.pathname.replace(/\/$/, '') + upstreamRequest.path, this.base.origin);
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        dispatcher: this.pool,
        method: method as Dispatcher.HttpMethod,
        headers: withoutHopByHop(upstreamRequest.headers ?? {}),
        body: upstreamRequest.body,
        signal,
      });
    } catch (error) {
      throw this.classify(error, signal);
    }
    const body = await this.readBody(response, signal);
    if (response.statusCode >= 500) {
      throw new UpstreamFault(
        'upstream-error',
        `上游 ${this.name} 返回 ${response.statusCode} (upstream ${this.name} answered ${response.statusCode})`,
        response.statusCode,
      );
    }
    return { status: response.statusCode, headers: responseHeaders(response.headers), body };
  }

  private async readBody(response: Dispatcher.ResponseData, signal: AbortSignal): Promise<Buffer> {
    const limit = this.settings.maxResponseBytes;
    const tooLarge = () => {
      response.body.destroy();
      return new UpstreamFault(
        'too-large',
        `上游 ${this.name} 的应答超过 ${limit} 字节 (upstream ${this.name} answered more than ${limit} bytes)`,
      );
    };
    if (Number(response.headers['content-length']) > limit) throw tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body) {
        size += (chunk as Buffer).length;
        if (size > limit) throw tooLarge();
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      if (error instanceof UpstreamFault) throw error;
      throw this.classify(error, signal);
    }
    return Buffer.concat(chunks);
  }

  private classify(error: unknown, signal: AbortSignal): UpstreamFault {
    if (signal.aborted) {
      return new UpstreamFault(
        'timeout',
        `上游 ${this.name} 未在 ${this.settings.timeoutMs} 毫秒内应答 (upstream ${this.name} did not answer within ${this.settings.timeoutMs} ms)`,
      );
    }
    const refused = causeOf(error, OutboundRefusedError);
    if (refused) {
      return new UpstreamFault(
        'not-allowed',
        `本节点出站策略不允许访问上游 ${this.name} (upstream ${this.name} is not allowed by the node's outbound policy: ${refused.message})`,
      );
    }
    const code = errorCode(error);
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return new UpstreamFault(
        'timeout',
        `上游 ${this.name} 中断了应答 (upstream ${this.name} stopped answering (${code}))`,
      );
    }
    if (code && PROGRAMMING_CODES.has(code)) throw error;
    // Refused, reset, DNS, TLS: the upstream could not be reached or dropped the connection.
    return new UpstreamFault(
      'unreachable',
      `无法连接上游 ${this.name} (upstream ${this.name} could not be reached (${code ?? 'connection failed'}))`,
    );
  }

  private failure(error: unknown, attempts: number): UpstreamOutcome {
    if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
      const waitMs = this.openedAt + this.settings.breaker.halfOpenAfterMs - Date.now();
      return {
        ok: false,
        status: FAILURE_STATUS['circuit-open'],
        reason: 'circuit-open',
        message: `上游 ${this.name} 出现故障，已暂停调用（熔断） (upstream ${this.name} is failing; calls are paused (circuit open))`,
        retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
        attempts,
      };
    }
    // The deadline can also end a retry's wait, which cockatiel reports as its own abort.
    const fault =
      error instanceof UpstreamFault
        ? error
        : new UpstreamFault(
            'timeout',
            `上游 ${this.name} 未在 ${this.settings.timeoutMs} 毫秒内应答 (upstream ${this.name} did not answer within ${this.settings.timeoutMs} ms)`,
          );
    return {
      ok: false,
      status: FAILURE_STATUS[fault.reason],
      reason: fault.reason,
      message: fault.message,
      ...(fault.upstreamStatus !== undefined ? { upstreamStatus: fault.upstreamStatus } : {}),
      attempts,
    };
  }
}

/** One caller, hence one circuit, per upstream, shared by every call to it. */
export class UpstreamCallers {
  private readonly callers = new Map<string, { caller: UpstreamCaller; settingsKey: string }>();

  constructor(private readonly outbound: OutboundPolicy) {}

  /** The caller of `name`, made on first use; changed settings replace it (with a fresh circuit). */
  get(name: string, settings: UpstreamSettings): UpstreamCaller {
    const key = JSON.stringify(upstreamSettingsSchema.parse(settings));
    const existing = this.callers.get(name);
    if (existing && existing.settingsKey === key) return existing.caller;
    if (existing) void existing.caller.close();
    const caller = new UpstreamCaller(name, settings, this.outbound);
    this.callers.set(name, { caller, settingsKey: key });
    return caller;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.callers.values()].map((c) => c.caller.close()));
    this.callers.clear();
  }
}

function isUpstreamFailure(error: unknown): boolean {
  return error instanceof UpstreamFault || error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError;
}

function withoutHopByHop(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP_BY_HOP.has(k.toLowerCase())));
}

function responseHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
  return out;
}

function causeOf<T>(error: unknown, type: abstract new (...args: never[]) => T): T | undefined {
  for (
    let e = error, depth = 0;
    e && typeof e === 'object' && depth < 4;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    if (e instanceof type) return e;
  }
  return undefined;
}

function errorCode(error: unknown): string | undefined {
  for (
    let e = error, depth = 0;
    e && typeof e === 'object' && depth < 4;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_ABORTED') return code;
  }
  return undefined;
}
