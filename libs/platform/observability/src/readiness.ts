/** One dependency a service needs before it can serve: PostgreSQL, the migrated schema, Redis, Kafka. */
export interface ReadinessCheck {
  name: string;
  /** Resolves when the dependency answers; rejects with the reason otherwise. Keep it under ~2 s. */
  check(): Promise<void>;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  detail?: string;
  durationMs: number;
}

export interface ReadinessReport {
  ready: boolean;
  checks: CheckResult[];
}

export const READINESS = Symbol('READINESS');

/** Runs every check in parallel, each with its own timeout, and reports them all. */
export class Readiness {
  private lastReport: ReadinessReport = { ready: false, checks: [] };
  private readonly listeners = new Set<(report: ReadinessReport) => void>();
  private timer?: NodeJS.Timeout;
  private draining = false;

  constructor(
    private readonly checks: ReadinessCheck[],
    private readonly timeoutMs = 2_000,
  ) {}

  get last(): ReadinessReport {
    return this.lastReport;
  }

  /** Once draining (shutdown started), the service reports not ready whatever its dependencies say. */
  markDraining(): void {
    this.draining = true;
    this.publish({
      ready: false,
      checks: [...this.lastReport.checks, { name: 'shutdown', ok: false, detail: 'draining', durationMs: 0 }],
    });
  }

  async evaluate(): Promise<ReadinessReport> {
    const checks = await Promise.all(this.checks.map((c) => this.run(c)));
    const report = { ready: !this.draining && checks.every((c) => c.ok), checks };
    this.publish(report);
    return report;
  }

  onChange(listener: (report: ReadinessReport) => void): void {
    this.listeners.add(listener);
  }

  /** Re-evaluates periodically so gRPC health and metrics follow dependencies without a request. */
  watch(intervalMs = 2_000): void {
    this.timer ??= setInterval(() => void this.evaluate(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private publish(report: ReadinessReport): void {
    const changed = report.ready !== this.lastReport.ready;
    this.lastReport = report;
    if (changed) for (const listener of this.listeners) listener(report);
  }

  private async run(check: ReadinessCheck): Promise<CheckResult> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        check.check(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
        }),
      ]);
      return { name: check.name, ok: true, durationMs: Math.round(performance.now() - started) };
    } catch (error) {
      return {
        name: check.name,
        ok: false,
        detail: (error as Error).message,
        durationMs: Math.round(performance.now() - started),
      };
    } finally {
      clearTimeout(timer);
    }
  }
}
