import { generateWorld } from '../lib/synthetic.mjs';
import { writeCsvDataset } from '../lib/csv.mjs';
import { loadSchemaJson } from '../lib/definitions.mjs';
const n = Number(process.argv[2]); const dir = process.argv[3];
console.log(writeCsvDataset(generateWorld(n), loadSchemaJson(), dir));
