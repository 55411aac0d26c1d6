/**
 * Record and replay (issue 7's "Resume from here"), `npm run bench:replay`: a node host runs a busy
 * tree in real time for a few seconds (a flaky worker crashing, a ticker, a counter sent a message
 * a millisecond), then a fresh host replays its record. Prints how much was recorded (inputs, and
 * their JSON size), how long the replay took, and whether it made the recorded batches.
 */
import { NodeHost } from '../src/worker/nodeHost';
import type { JournalInput } from '../src/worker/journal';
import type { NodeEvent } from '../src/worker/protocol';
import { timeoutScheduler } from '../src/worker/scheduler';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const events: NodeEvent[] = [];
  const host = new NodeHost({
    post: (ev) => events.push(ev),
    now: () => performance.now(),
    scheduler: timeoutScheduler,
    defaultSpeed: 10,
  });
  host.handle({
    type: 'boot',
    rid: 1,
    flavour: 'erlang',
    modules: [],
    seed: 5,
    node: {
      id: 1,
      name: 'node1',
      root: {
        kind: 'supervisor',
        id: 'app',
        strategy: 'one_for_one',
        intensity: 100_000,
        children: [
          { kind: 'worker', id: 'counter', behaviour: 'counter', name: 'counter' },
          { kind: 'worker', id: 'ticker', behaviour: 'ticker', args: { interval: 20 } },
          {
            kind: 'worker',
            id: 'flaky',
            behaviour: 'flaky',
            args: { crash_probability: 0.2, interval: 10 },
          },
        ],
      },
    },
  });
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    host.handle({ type: 'send', to: 'counter', msg: 'inc' });
    await sleep(1);
  }
  host.handle({ type: 'pause' });
  await sleep(100);
  const batches = events.filter((e) => e.type === 'batch');
  const inputs: JournalInput[] = batches.flatMap((b) =>
    b.type === 'batch' ? (b.inputs ?? []) : [],
  );
  const traced = batches.reduce((n, b) => n + (b.type === 'batch' ? b.events.length : 0), 0);
  const kinds = new Map<string, number>();
  for (const i of inputs) kinds.set(i.k, (kinds.get(i.k) ?? 0) + 1);
  const bytes = JSON.stringify(inputs).length;
  host.dispose();

  const replies: NodeEvent[] = [];
  const replayer = new NodeHost({
    post: (ev) => replies.push(ev),
    now: () => performance.now(),
    scheduler: timeoutScheduler,
  });
  const t0 = performance.now();
  replayer.handle({ type: 'replay', rid: 2, inputs });
  const ms = performance.now() - t0;
  const reply = replies.find((e) => e.type === 'reply');
  replayer.dispose();
  console.log(
    `recorded ${seconds} s of a busy node at 10×: ${batches.length.toLocaleString('en')} batches, ${traced.toLocaleString('en')} events shown`,
  );
  console.log(
    `record: ${inputs.length.toLocaleString('en')} inputs (${[...kinds].map(([k, n]) => `${k} ${n.toLocaleString('en')}`).join(', ')}), ${(bytes / 1e6).toFixed(2)} MB as JSON`,
  );
  console.log(
    `replay: ${ms.toFixed(0)} ms (${((inputs.length / ms) * 1000).toLocaleString('en', { maximumFractionDigits: 0 })} inputs/s), reply ${JSON.stringify(reply?.type === 'reply' && reply.ok ? reply.value : reply)}`,
  );
}

void main();
