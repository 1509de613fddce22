import type { Engine } from './engine.js';
export declare function createTsEngine(): Promise<Engine>;
