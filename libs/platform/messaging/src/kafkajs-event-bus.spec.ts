import { BatchJoiner } from './kafkajs-event-bus.js';
import type { ReceivedMessage } from './event-bus.port.js';

function messages(partition: number, offsets: number[]): ReceivedMessage[] {
  return offsets.map((offset) => ({
    topic: 't',
    partition,
    offset: String(offset),
    key: `k${partition}`,
    value: '{}',
    headers: {},
  }));
}

const ids = (batch: ReceivedMessage[]) => batch.map((m) => `${m.partition}:${m.offset}`);

describe('BatchJoiner', () => {
  it('hands the batches of partitions fetched together to one call, each partition in order', async () => {
    const calls: string[][] = [];
    const joiner = new BatchJoiner(async (batch) => void calls.push(ids(batch)));
    await Promise.all([
      joiner.handle(messages(0, [1, 2])),
      joiner.handle(messages(1, [7])),
      joiner.handle(messages(2, [4, 5])),
    ]);
    expect(calls).toEqual([['0:1', '0:2', '1:7', '2:4', '2:5']]);
  });

  it('takes what arrives during a call in the next one, never more than a transaction’s worth at once', async () => {
    const calls: string[][] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const joiner = new BatchJoiner(async (batch) => {
      calls.push(ids(batch));
      if (calls.length === 1) await first;
    });
    const a = joiner.handle(messages(0, [1]));
    await new Promise((resolve) => setImmediate(resolve));
    const b = joiner.handle(
      messages(
        1,
        Array.from({ length: 150 }, (_, i) => i),
      ),
    );
    const c = joiner.handle(
      messages(
        2,
        Array.from({ length: 150 }, (_, i) => i),
      ),
    );
    release();
    await Promise.all([a, b, c]);
    expect(calls.map((call) => call.length)).toEqual([1, 150, 150]);
  });

  it('fails every batch of a call that fails, so none of them counts as processed', async () => {
    const joiner = new BatchJoiner(() => Promise.reject(new Error('broker refused the dead letter')));
    const results = await Promise.allSettled([joiner.handle(messages(0, [1])), joiner.handle(messages(1, [2]))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
