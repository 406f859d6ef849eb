/** The session's magics, in IPython's spelling. */
import { magicMagic, notYet } from './list-magic.js';
import { lprunMagic } from './lprun-magic.js';
import type { Magic } from './magic.js';
import { mprunMagic } from './mprun-magic.js';
import { prunMagic } from './prun-magic.js';
import { timeMagic } from './time-magic.js';
import { timeitMagic } from './timeit-magic.js';

export const MAGICS: readonly Magic[] = [
  timeitMagic,
  timeMagic,
  prunMagic,
  lprunMagic,
  mprunMagic,
  notYet('memit', 'peak memory of a statement', 'hotpath time script.ts (maximum resident memory)'),
  notYet('dis', "a function's V8 bytecode by line", 'hotpath dis -f NAME script.ts'),
  magicMagic,
];
