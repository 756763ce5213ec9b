import { targetContext } from './ssh-flags.js';
import { resolve } from 'node:path';
import { check } from '../check.js';
import { UsageError } from '../errors.js';
import { cliMessagesFor } from '../i18n/cli-messages.js';
import { openHost } from '../hosts/index.js';
import { prefetchOf } from '../probes/reads.js';
import { loadReporter } from '../reporters/load.js';
import { colorLevel } from './color-level.js';
import type { Io } from './io.js';
import type { CheckFlags } from './main.js';
import { loadPolicyForRun } from './load-policy.js';
import { packageInfo } from '../package-info.js';
import { exitCodeForReport, renderOptions } from './render.js';
import { checkOutputPath, writeFileAtomic } from './write-output.js';

export const checkCommand = async (flags: CheckFlags, io: Io): Promise<number> => {
  // Only the reporters of the formats asked for are loaded.
  const outputs = [];
  for (const request of flags.outputs) {
    const reporter = await loadReporter(request.format);
    if (!reporter) throw new UsageError(`unknown format '${request.format}'`);
    outputs.push({ ...request, reporter });
  }
  // Before the work: a report that cannot be written is known now, not after the target was read.
  for (const { file } of outputs) if (file !== undefined) await checkOutputPath(resolve(io.cwd, file));
  const { policy, governance } = await loadPolicyForRun(flags, io);
  const host = await openHost(flags.target, { ...(await targetContext(flags.target, flags, io.cwd)), prefetch: prefetchOf() });
  try {
    const { name, version } = packageInfo();
    const { report } = await check({
      policy,
      host,
      language: flags.lang,
      now: io.now,
      tool: { name, version },
      probeTimeoutMs: flags.probeTimeout,
      ...(governance === undefined ? {} : { governance }),
      ...(flags.targetClass === undefined ? {} : { targetClass: flags.targetClass }),
      ...(flags.includeBrowserHistory === true ? { includeBrowserHistory: true } : {}),
      ...(io.signal === undefined ? {} : { signal: io.signal }),
      // Plain sentences write instants in the reader's own zone (TZ, else the system's).
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      ...(flags.redact === true ? { redact: true } : {}),
    });
    // Render everything first: a reporter that throws leaves no file half-written or missing.
    const rendered = outputs.map(({ reporter, file }) => {
      const level = file === undefined ? colorLevel(io.stdout, io.env, flags.color) : 0;
      const options = renderOptions(policy, flags.lang, flags.failOn, level, io.cwd);
      return { file, text: reporter.render(report, flags.verbose === true ? { ...options, verbose: true } : options) };
    });
    for (const { file, text } of rendered) {
      if (file === undefined) {
        io.stdout.write(text);
        continue;
      }
      await writeFileAtomic(resolve(io.cwd, file), text);
      io.stderr.write(cliMessagesFor(flags.lang).wroteReport(file, report.summary));
    }
    return exitCodeForReport(report, flags.failOn);
  } finally {
    await host.close();
  }
};
