import { resolve } from 'node:path';
import { check } from '../check.js';
import { UsageError } from '../errors.js';
import { openHost } from '../hosts/index.js';
import { loadPolicy } from '../policy/load.js';
import { reporters } from '../reporters/index.js';
import { colorLevel } from './colors.js';
import type { Io } from './io.js';
import type { CheckFlags } from './main.js';
import { defaultPolicyFile, packageInfo } from './package-info.js';
import { exitCodeForReport, renderOptions } from './render.js';
import { writeFileAtomic } from './write-output.js';

export const checkCommand = async (flags: CheckFlags, io: Io): Promise<number> => {
  const reporter = reporters[flags.format];
  if (!reporter) throw new UsageError(`unknown format '${flags.format}'`);
  const policy = await loadPolicy(flags.policy ? resolve(io.cwd, flags.policy) : defaultPolicyFile());
  const host = await openHost(flags.target, { cwd: io.cwd });
  try {
    const { name, version } = packageInfo();
    const { report } = await check({
      policy,
      host,
      language: flags.lang,
      now: io.now,
      tool: { name, version },
      probeTimeoutMs: flags.probeTimeout,
    });
    const level = flags.output ? 0 : colorLevel(io.stdout, io.env, flags.color);
    const output = reporter.render(report, renderOptions(policy, flags.lang, flags.failOn, level));
    if (flags.output) {
      await writeFileAtomic(resolve(io.cwd, flags.output), output);
      const s = report.summary;
      io.stderr.write(
        `charter: wrote ${flags.output} (${String(s.pass)} pass, ${String(s.fail)} fail, ${String(s.error)} error, ${String(s.skip)} skip, ${String(s.manual)} manual)\n`,
      );
    } else {
      io.stdout.write(output);
    }
    return exitCodeForReport(report, flags.failOn);
  } finally {
    await host.close();
  }
};
