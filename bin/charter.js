#!/usr/bin/env node
import { run, nodeIo, installInterruptHandlers } from '../dist/cli.js';

installInterruptHandlers(process.argv.slice(2));
process.exitCode = await run(process.argv.slice(2), nodeIo());
