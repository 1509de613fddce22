import { generateWorld } from '../lib/synthetic.mjs';
import { writeCsvDataset } from '../lib/csv.mjs';
import { loadSchemaJson } from '../lib/definitions.mjs';
import { nowMs } from '../lib/stats.mjs';
const world = generateWorld(200000);
let t = nowMs(); writeCsvDataset(world, loadSchemaJson(), '/tmp/sc-csv-t4'); console.log('csv', nowMs()-t);
