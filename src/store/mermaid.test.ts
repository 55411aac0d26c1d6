import { describe, expect, it } from 'vitest';
import { sequenceToMermaid } from './mermaid';

describe('sequenceToMermaid', () => {
  it('writes lanes as participants and rows as arrows and notes', () => {
    const text = sequenceToMermaid(
      {
        lanes: [
          { id: '<1.2.0>', label: 'app_sup' },
          { id: '<1.2.0>/counter', label: 'counter' },
          { id: 'others', label: 'others' },
        ],
        rows: [
          { index: 1, kind: 'message', from: 'others', to: '<1.2.0>/counter', label: 'increment' },
          { index: 2, kind: 'call', from: 'others', to: '<1.2.0>/counter', label: 'get' },
          { index: 3, kind: 'exit', from: '<1.2.0>/counter', to: undefined, label: 'exit boom' },
          {
            index: 4,
            kind: 'EXIT',
            from: '<1.2.0>/counter',
            to: '<1.2.0>',
            label: "{'EXIT', …, boom}",
          },
          {
            index: 5,
            kind: 'exit_signal',
            from: '<1.2.0>',
            to: '<1.2.0>/counter',
            label: 'shutdown; #1',
          },
          { index: 6, kind: 'restart', from: '<1.2.0>', to: undefined, label: 'restart counter' },
        ],
      },
      'counter',
    );
    expect(text).toBe(
      [
        'sequenceDiagram',
        '  title counter',
        '  participant p0 as app_sup',
        '  participant p1 as counter',
        '  participant p2 as others',
        '  p2->>p1: increment',
        '  p2->>p1: call get',
        '  Note over p1: exit boom',
        "  p1-->>p0: {'EXIT', …, boom}",
        '  p0-xp1: exit signal shutdown   1',
        '  Note over p0: restart counter',
        '',
      ].join('\n'),
    );
  });
});
