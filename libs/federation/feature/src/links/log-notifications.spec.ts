import { WakeSignal } from './log-notifications.js';

describe('WakeSignal', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Starts a wait and tells whether it has returned, with no time passing unless the test advances it. */
  function waitOn(wake: WakeSignal, ms: number): { returned: () => boolean } {
    let returned = false;
    void wake.wait(ms).then(() => (returned = true));
    return { returned: () => returned };
  }

  it('wakes a waiting reader at once', async () => {
    const wake = new WakeSignal();
    wake.reset();
    const wait = waitOn(wake, 60_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.returned()).toBe(false);
    wake.signal();
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.returned()).toBe(true);
  });

  it('keeps a signal that came while the reader was looking, so the next wait returns at once', async () => {
    const wake = new WakeSignal();
    wake.reset();
    wake.signal(); // a notification arrives while the log is read
    const wait = waitOn(wake, 60_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.returned()).toBe(true);
  });

  it('forgets signals from before the reader looked', async () => {
    const wake = new WakeSignal();
    wake.signal();
    wake.reset(); // the read that follows sees those rows
    const wait = waitOn(wake, 60_000);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(wait.returned()).toBe(false);
  });

  it('falls back to the poll interval when nothing signals', async () => {
    const wake = new WakeSignal();
    wake.reset();
    const wait = waitOn(wake, 1_000);
    await vi.advanceTimersByTimeAsync(999);
    expect(wait.returned()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(wait.returned()).toBe(true);
  });
});
