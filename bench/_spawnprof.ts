import { Node, VirtualClock } from '../src/runtime';
import type { Body } from '../src/runtime';
for (let r = 0; r < 2; r++) {
const node = new Node({ clock: new VirtualClock() });
const idle: Body = (ctx) => ctx.receive(() => {});
const n = 1_000_000;
const t0 = performance.now();
for (let i = 0; i < n; i++) { node.spawn(idle); if ((i & 1023) === 1023) node.runUntilIdle(); }
node.runUntilIdle();
console.log(((performance.now() - t0) * 1000 / n).toFixed(3), 'us/spawn');
}
