import { Node, VirtualClock, childSpec, startSupervisor, startLink, supFlags } from '../src/runtime';
import type { ChildSpec, GenServerModule, Pid, Term } from '../src/runtime';
const idle: GenServerModule<number, number> = { name: 'idle', init: (n) => ['ok', n] };
for (let round = 0; round < 8; round++) {
const node = new Node({ clock: new VirtualClock() });
const n = 10000;
const children: ChildSpec[] = [];
for (let i = 0; i < n; i++) children.push(childSpec({ id: `w${i}`, start: (ctx) => startLink(ctx, idle, i) }));
node.spawn((ctx) => {
  ctx.trapExit(true);
  const gen = startSupervisor(ctx, { name: 's', init: () => ({ flags: supFlags('erlang', { intensity: n + 10 }), children }) });
  let r = gen.next();
  const go = (input: Term): void => { r = gen.next(input); if (r.done) ctx.receive(() => {}); else ctx.receive(go, { match: r.value.match }); };
  if (!r.done) ctx.receive(go, { match: r.value.match });
});
let t0 = performance.now();
node.runUntilIdle();
const tStart = performance.now() - t0;
const kids = node.pids().filter((p) => node.processInfo(p)?.behaviour === 'gen_server:idle');
t0 = performance.now();
for (const k of kids) node.exitSignal(undefined, k, 'kill');
node.runUntilIdle();
console.log('start', tStart.toFixed(0), 'ms; storm', (performance.now() - t0).toFixed(0), 'ms', node.processCount);
}
