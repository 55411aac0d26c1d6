import { Node, VirtualClock } from '../src/runtime';
import type { Body, Ctx, Pid } from '../src/runtime';
const node = new Node({ clock: new VirtualClock() });
const size = 10000; const pids: Pid[] = [];
const relay = (i: number): Body => (ctx: Ctx) => { ctx.receive((msg) => { const n = msg as number; if (n === 0) return; ctx.send(pids[(i + 1) % size] as Pid, n - 1); }); };
for (let i = 0; i < size; i++) pids.push(node.spawn(relay(i)));
node.runUntilIdle();
for (let k = 0; k < 3; k++) {
const t0 = performance.now();
node.send(undefined, pids[0] as Pid, 3_000_000);
node.runUntilIdle();
console.log((3_000_000 / ((performance.now() - t0) / 1000) / 1e6).toFixed(2), 'M msgs/s');
}
