import './sandbox/install';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Term } from '../runtime';
import { call, genServerBody } from '../runtime';
import { system } from '../runtime/testing/system';
import type { System } from '../runtime/testing/system';
import type { AnyGenServer } from './library';
import { compileUserModule } from './userModule';

const COUNTER = `({
  init(args, ctx) {
    return ['ok', { count: args.start ?? 0 }];
  },
  handleCall(req, from, state, ctx) {
    if (req === 'get') return ['reply', state.count, state];
    return ['reply', state.count + 1, { count: state.count + 1 }];
  },
  handleCast(msg, state) {
    return ['noreply', { count: 0 }];
  },
})`;

function compiled(name: string, source: string): AnyGenServer {
  const r = compileUserModule({ name, source });
  if (!r.ok) throw new Error(r.error);
  return r.module;
}

function errorOf(name: string, source: string): string {
  const r = compileUserModule({ name, source });
  if (r.ok) throw new Error('expected a compile error');
  return r.error;
}

/** Runs module `mod` as process `w`, next to an innocent bystander `b`. */
function start(mod: AnyGenServer, args: Term = {}): System {
  const sys = system();
  sys.spawn('w', genServerBody(mod, args));
  sys.spawn('b', (ctx) => ctx.receive(() => undefined));
  return sys.runUntilIdle();
}

const callW = (sys: System, req: Term): Term =>
  sys.run((ctx) => call(ctx, sys.pid('w'), req), { advanceTime: false });

describe('compiling a user module', () => {
  it('runs a counter written as OTP-style tuples', () => {
    const sys = start(compiled('my_counter', COUNTER), { start: 5 });
    expect(callW(sys, 'increment')).toBe(6);
    expect(callW(sys, 'get')).toBe(6);
    expect(sys.node.processInfo(sys.pid('w'))?.state).toEqual({ count: 6 });
  });

  it('names the module and the line of a syntax error', () => {
    const source = COUNTER.replace("['reply', state.count, state]", "['reply', state.count state]");
    expect(errorOf('my_counter', source)).toMatch(
      /^module my_counter: SyntaxError: .+ \(line 6\)$/,
    );
  });

  it('points at the last line when the source ends too early', () => {
    const source = COUNTER.slice(0, COUNTER.lastIndexOf('}'));
    expect(errorOf('cut', source)).toMatch(/^module cut: SyntaxError: .+\(line \d+\)$/);
  });

  it('rejects a source that is not an object, a missing init, a misspelt callback and a bad name', () => {
    expect(errorOf('m', '42')).toMatch(/module m: the source must evaluate to an object/);
    expect(errorOf('m', '({ handleCall() {} })')).toBe('module m: init(args, ctx) is missing');
    expect(errorOf('m', "({ init() { return ['ok', 0]; }, handlecall() {} })")).toMatch(
      /unknown callback 'handlecall'/,
    );
    expect(errorOf('My Mod', COUNTER)).toMatch(/name must be an atom/);
  });

  it('reports an exception while evaluating the module', () => {
    // In a Compartment an unknown global reads as undefined (SES), so the error is the use of it.
    expect(errorOf('m', '(\n  undefinedThing.x\n)')).toMatch(
      /^module m: evaluating the module threw TypeError: .*'x'.* \(line 2\)$/,
    );
  });
});

describe('running a user module', () => {
  it('crashes only that process when a callback throws, with the module, callback and line in the reason', () => {
    const source = `({
  init() { return ['ok', null]; },
  handleCast(msg, state) {
    return state.missing.field;
  },
})`;
    const sys = start(compiled('thrower', source));
    sys.send('w', ['$gen_cast', 'go']).runUntilIdle();
    const reason = sys.exitReason('w') as [string, string];
    expect(reason[0]).toBe('error');
    expect(reason[1]).toMatch(/^TypeError: thrower\.handleCast: .*null.* \(line 4\)$/);
    sys.expectAlive('b');
  });

  it('crashes the process with a clear reason when a callback returns the wrong shape', () => {
    const sys = start(
      compiled('forgetful', "({ init() { return ['ok', 1]; }, handleCall() { } })"),
    );
    expect(() => callW(sys, 'x')).toThrow(
      /forgetful\.handleCall returned undefined; expected .*reply.*Reply, State/,
    );
    sys.expectDead('w').expectAlive('b');
  });

  it('lets a generator callback block with otp.sleep', () => {
    const source = `({
  init() { return ['ok', 0]; },
  *handleCall(req, from, state) {
    yield* otp.sleep(500);
    return ['reply', 'slept', state];
  },
})`;
    const sys = start(compiled('sleeper', source));
    const before = sys.clock.now();
    expect(sys.run((ctx) => call(ctx, sys.pid('w'), 'nap'))).toBe('slept');
    expect(sys.clock.now() - before).toBe(500);
  });

  it('keeps a throwing describe from escaping into the inspector', () => {
    const sys = start(
      compiled('shy', "({ init() { return ['ok', 1]; }, describe() { throw new Error('no'); } })"),
    );
    expect(sys.node.processInfo(sys.pid('w'))?.state).toEqual({
      describe_error: 'Error: shy.describe: no (line 1)',
    });
  });

  it('fails init with the user error as the start reason', () => {
    const sys = start(compiled('bad_init', '({ init(args) { return args.nope.x; } })'));
    expect((sys.exitReason('w') as string[])[1]).toMatch(/^TypeError: bad_init\.init: /);
  });
});

describe('the documented example', () => {
  it('compiles and runs the module shown in src/worker/CONTEXT.md', () => {
    const doc = readFileSync(new URL('./CONTEXT.md', import.meta.url), 'utf8');
    const source = /```js\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const sys = start(compiled('my_server', source), { start: 2 });
    expect(callW(sys, 'get')).toBe(2);
    sys.advance(1000);
    expect(callW(sys, 'get')).toBe(3);
    // terminate/2 sleeps 500 ms first, so let time run.
    expect(() => sys.run((ctx) => call(ctx, sys.pid('w'), 'boom'))).toThrow(
      /Error: my_server\.handleCall: asked to crash \(line \d+\)/,
    );
  });
});
