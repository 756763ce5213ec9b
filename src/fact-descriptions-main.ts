/** Build step: write dist/facts.json (fact-descriptions.ts) from the probe definitions. Run by scripts/build.mjs. */
import { writeFileSync } from 'node:fs';
import { factFamilies } from './fact-families.js';
import { descriptionsOf } from './fact-descriptions.js';

const [output = 'dist/facts.json'] = process.argv.slice(2);
writeFileSync(output, `${JSON.stringify(descriptionsOf(factFamilies))}\n`);
