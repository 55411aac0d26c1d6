/**
 * Hostile user modules, as a person could write them: the floods the node's caps and limits are
 * tested against, in unit tests (src/worker/floods.test.ts) and end to end (e2e/floods.spec.ts).
 */
export const FLOOD_SOURCES = {
  // Every process spawns two more and waits: held at the node's process limit (system_limit).
  fork_bomb: `({
    init(args, ctx) {
      const bomb = (c) => { c.spawn(bomb); c.spawn(bomb); c.receive(() => undefined); };
      ctx.spawn(bomb);
      return ['ok', 0];
    },
  })`,
  // A thousand log lines a message, flat out.
  log_flood: `({
    init(args, ctx) { ctx.send(ctx.self, 'go'); return ['ok', 0]; },
    handleInfo(msg, n, ctx) {
      for (let i = 0; i < 1000; i++) otp.log(ctx, 'spam ' + i);
      ctx.send(ctx.self, 'go');
      return ['noreply', n + 1];
    },
  })`,
  // 5,000 short-lived processes every 100 ms.
  spawn_flood: `({
    init(args, ctx) { ctx.sendAfter(100, ctx.self, 'tick'); return ['ok', 0]; },
    handleInfo(msg, n, ctx) {
      for (let i = 0; i < 5000; i++) ctx.spawn(() => undefined);
      ctx.sendAfter(100, ctx.self, 'tick');
      return ['noreply', n + 1];
    },
  })`,
  // A state that grows by 100 terms a message, flat out (max_heap_size-like bound).
  hoarder: `({
    init(args, ctx) { ctx.send(ctx.self, 'go'); return ['ok', []]; },
    handleInfo(msg, s, ctx) {
      for (let i = 0; i < 100; i++) s.push(i);
      ctx.send(ctx.self, 'go');
      return ['noreply', s];
    },
  })`,
} as const;
