#!/usr/bin/env node
// The `charter` command. bin/package.json makes this file CommonJS, which Node starts faster than
// an ES module: `charter --version` alone is answered here, before any module is loaded, as
// dist/cli.js answers it (the version of the charter package.json above bin/). Everything else
// loads dist/cli.js. Written to run as an ES module too (no import, require or import.meta), so
// a copy of this file without bin/package.json still works.
const argv = process.argv.slice(2);

/** The version line, or undefined when this is not `--version` alone or the package is not found. */
const versionLine = () => {
  if (argv.length !== 1 || (argv[0] !== '--version' && argv[0] !== '-V')) return undefined;
  try {
    const fs = process.getBuiltinModule('node:fs');
    const path = process.getBuiltinModule('node:path');
    const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(fs.realpathSync(process.argv[1])), '..', 'package.json'), 'utf8'));
    return pkg.name === 'charter' && typeof pkg.version === 'string' ? `${pkg.version}\n` : undefined;
  } catch {
    return undefined;
  }
};

/** Written at once; undefined when it could not be (dist/cli.js then answers, through its own stream). */
const written = (line) => {
  try {
    process.getBuiltinModule('node:fs').writeSync(1, line);
    return true;
  } catch {
    return undefined;
  }
};

const line = versionLine();
if (line === undefined || written(line) === undefined) {
  import('../dist/cli.js').then(async ({ run, nodeIo, installInterruptHandlers }) => {
    installInterruptHandlers(argv);
    process.exitCode = await run(argv, nodeIo());
  });
}
