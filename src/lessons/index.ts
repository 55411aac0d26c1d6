import { callTimeouts } from './callTimeouts';
import { errorKernel } from './errorKernel';
import { intensity } from './intensity';
import { isolateCache } from './isolateCache';
import { letItCrash } from './letItCrash';
import { linksMonitors } from './linksMonitors';
import { mailboxes } from './mailboxes';
import { netsplit } from './netsplit';
import { poolBurst } from './poolBurst';
import { pools } from './pools';
import { restartTypes } from './restartTypes';
import { shutdown } from './shutdown';
import { strategies } from './strategies';
import { trapExit } from './trapExit';
import type { Lesson } from './types';

export type {
  Goal,
  Lesson,
  LessonAction,
  LessonStep,
  LessonWorld,
  Predict,
  WorldProc,
} from './types';
export { dbSupSurvivesThree } from './intensity';
export { ledgerOutlivesWorkers } from './errorKernel';
export { poolSurvivesBurst } from './poolBurst';
export { webOutlivesCache } from './isolateCache';

/** The built-in lessons, in teaching order; each starts from its own tree. */
export const LESSONS: readonly Lesson[] = [
  letItCrash,
  mailboxes,
  linksMonitors,
  trapExit,
  strategies,
  isolateCache,
  restartTypes,
  intensity,
  shutdown,
  pools,
  poolBurst,
  callTimeouts,
  netsplit,
  errorKernel,
];
