import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** One process the supervisor keeps running: started again whenever it dies, until `stopAll`. */
export interface SupervisedSpec {
  name: string;
  command: string;
  args: readonly string[];
  options?: SpawnOptions;
  /** Called on every (re)start, e.g. to forward the child's output or wait for it to be ready. */
  onStart?: (child: ChildProcess, start: number) => void;
  /** Asked when the process dies: false leaves it down (e.g. it never came up: a restart would fail alike). */
  restart?: () => boolean;
}

export interface RestartBackoff {
  /** Wait before the first restart; doubled on every further one, up to `maxMs`. */
  initialMs: number;
  maxMs: number;
  /** A process that stayed up this long is healthy again: its next restart waits `initialMs`. */
  resetAfterMs: number;
}

/** What an operator's service manager does (systemd `Restart=always` with a growing `RestartSec`). */
export const DEFAULT_RESTART_BACKOFF: RestartBackoff = { initialMs: 1_000, maxMs: 30_000, resetAfterMs: 60_000 };

interface Supervised {
  spec: SupervisedSpec;
  child?: ChildProcess;
  startedAt: number;
  starts: number;
  /** Restarts since the process was last healthy, for the backoff. */
  failures: number;
  timer?: NodeJS.Timeout;
}

/**
 * Keeps a set of processes running: one that dies (crash, `kill -9`) is started again after a
 * backoff while the others go on; only `stopAll` (the launcher's Ctrl-C) stops them, each with
 * `signal` and SIGKILL after `stopDeadlineMs`. Every exit and restart is said through `say`.
 */
export class Supervisor {
  private readonly processes: Supervised[] = [];
  private stopping = false;

  constructor(
    private readonly say: (line: string) => void,
    private readonly backoff: RestartBackoff = DEFAULT_RESTART_BACKOFF,
    private readonly stopDeadlineMs = 35_000,
  ) {}

  start(spec: SupervisedSpec): void {
    const supervised: Supervised = { spec, startedAt: 0, starts: 0, failures: 0 };
    this.processes.push(supervised);
    this.launch(supervised);
  }

  /** The current process id of `name`, undefined while it is down. */
  pid(name: string): number | undefined {
    const child = this.find(name)?.child;
    return child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
  }

  /** How many times `name` has been started (1 = never restarted). */
  starts(name: string): number {
    return this.find(name)?.starts ?? 0;
  }

  async stopAll(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    this.stopping = true;
    for (const p of this.processes) clearTimeout(p.timer);
    await Promise.all(this.processes.map((p) => this.stop(p, signal)));
  }

  private find(name: string): Supervised | undefined {
    return this.processes.find((p) => p.spec.name === name);
  }

  private launch(p: Supervised): void {
    p.timer = undefined;
    const child = spawn(p.spec.command, [...p.spec.args], p.spec.options ?? {});
    p.child = child;
    p.startedAt = Date.now();
    p.starts++;
    child.on('error', (error) => this.say(`${p.spec.name} could not be started: ${error.message}`));
    child.on('exit', (code, signal) => this.exited(p, child, signal ?? `exit ${code}`));
    p.spec.onStart?.(child, p.starts);
  }

  private exited(p: Supervised, child: ChildProcess, how: string): void {
    if (this.stopping || p.child !== child) return;
    if (p.spec.restart && !p.spec.restart()) {
      this.say(`${p.spec.name} (pid ${child.pid}) exited (${how})`);
      return;
    }
    if (Date.now() - p.startedAt >= this.backoff.resetAfterMs) p.failures = 0;
    const delay = Math.min(this.backoff.initialMs * 2 ** p.failures, this.backoff.maxMs);
    p.failures++;
    this.say(
      `${p.spec.name} (pid ${child.pid}) exited (${how}); restarting in ${formatDelay(delay)} ` +
        `(restart ${p.failures} in a row); the others keep running`,
    );
    p.timer = setTimeout(() => {
      if (this.stopping) return;
      this.launch(p);
      this.say(`${p.spec.name} restarted (pid ${p.child?.pid})`);
    }, delay);
  }

  private stop(p: Supervised, signal: NodeJS.Signals): Promise<void> {
    const child = p.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), this.stopDeadlineMs);
      child.once('exit', (code, exitSignal) => {
        clearTimeout(kill);
        this.say(
          `${p.spec.name} ${code === 0 ? 'stopped cleanly' : `stopped (${exitSignal ?? `exit ${code}`})`} (pid ${child.pid})`,
        );
        resolve();
      });
      child.kill(signal);
    });
  }
}

function formatDelay(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${ms} ms`;
}
