import { describe, expect, it } from 'vitest';
import type { Term } from '../term';
import { sup, system, worker } from '../testing/system';
import type { RestartType } from './childSpec';

type How = { crash: Term } | 'kill';
const cases: [string, How][] = [
  ['normal', { crash: 'normal' }],
  ['shutdown', { crash: 'shutdown' }],
  ['{shutdown,bye}', { crash: ['shutdown', 'bye'] }],
  ['boom', { crash: 'boom' }],
  ['killed', 'kill'],
];

/** Ends root/w by `how`; reports whether it came back, whether a child_terminated report was written, and the tree. */
function outcome(restart: RestartType, how: How) {
  const sys = system()
    .start(sup('root', { intensity: 10 }, [worker('w', { restart }), worker('other')]))
    .clearEvents();
  if (how === 'kill') sys.kill('root/w');
  else sys.crash('root/w', how.crash);
  sys.settle();
  return {
    restarted: sys.startCount('root/w') === 2,
    reported: sys.lines(['supervisor_report']).length > 0,
    tree: sys.tree(),
  };
}

describe('restart types × exit reasons', () => {
  it.each(cases)('permanent: restarted after %s, with a child_terminated report', (_name, how) => {
    expect(outcome('permanent', how)).toEqual({
      restarted: true,
      reported: true,
      tree: 'root{w other}',
    });
  });

  it.each(cases.slice(0, 3))(
    'transient: not restarted after %s (a normal reason); spec kept, no report',
    (_name, how) => {
      expect(outcome('transient', how)).toEqual({
        restarted: false,
        reported: false,
        tree: 'root{w:undefined other}',
      });
    },
  );

  it.each(cases.slice(3))('transient: restarted after %s, with a report', (_name, how) => {
    expect(outcome('transient', how)).toEqual({
      restarted: true,
      reported: true,
      tree: 'root{w other}',
    });
  });

  it.each(cases.slice(0, 3))(
    'temporary: never restarted; after %s its spec is removed silently',
    (_name, how) => {
      expect(outcome('temporary', how)).toEqual({
        restarted: false,
        reported: false,
        tree: 'root{other}',
      });
    },
  );

  it.each(cases.slice(3))(
    'temporary: not restarted after %s either, but the crash is reported',
    (_name, how) => {
      expect(outcome('temporary', how)).toEqual({
        restarted: false,
        reported: true,
        tree: 'root{other}',
      });
    },
  );

  it('restarts a permanent child that exits normal by itself', () => {
    const sys = system()
      .start(sup('root', {}, [worker('w')]))
      .clearEvents()
      .crash('root/w', 'normal')
      .settle();
    sys.expectEvents([
      'exit root/w normal',
      'supervisor_report root child_terminated w normal',
      'init root/w ok',
    ]);
  });
});
