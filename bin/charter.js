#!/usr/bin/env node
import { run, nodeIo } from '../dist/cli.js';

process.exitCode = await run(process.argv.slice(2), nodeIo());
