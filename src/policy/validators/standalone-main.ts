/** Build step: print the ajv standalone module of every validator (standalone.ts). Run by scripts/validators-plugin.mjs. */
import { standaloneModule } from './standalone.js';

process.stdout.write(standaloneModule('esm'));
