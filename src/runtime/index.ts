/** `stagecraft/runtime`: the zero-dependency engine generated evaluator modules run on (SPEC §6). */
export { compareCodePoints, compareStampRows, type StampRow } from './stamp.js';
