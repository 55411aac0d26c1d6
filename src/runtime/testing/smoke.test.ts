import { it } from 'vitest';
import { sup, system, worker } from './system';
it('smoke', () => {
  const s = system().start(sup('root', { intensity: 3 }, [worker('a'), sup('s', {}, [worker('x')]), worker('b')]));
  console.log(s.fmt(s.startResult), s.tree());
  s.clearEvents().crash('root/a', 'boom').settle();
  console.log(s.lines(), s.tree());
  console.log(s.fmt(s.whichChildren('root')), s.fmt(s.countChildren('root')));
  console.log(s.fmt(s.startChild('root', worker('c'))), s.tree());
  s.clearEvents().exit('root', 'shutdown').settle();
  console.log(s.lines());
});
