import { targetContext, type SshFlags } from './ssh-flags.js';
import { resolve } from 'node:path';
import { collectFacts, defaultProbeTimeoutMs } from '../collect.js';
import { openHost } from '../hosts/index.js';
import { prefetchOf } from '../probes/reads.js';
import { translateReason } from '../i18n/reason-parse.js';
import { cliMessagesFor } from '../i18n/cli-messages.js';
import type { Language } from '../model.js';
import { withoutProcessArguments } from '../hosts/process-arguments.js';
import { isEmptyOrMissing, recordingHost, writeReplay } from '../hosts/recorder.js';
import { UsageError } from '../errors.js';
import { checkOutputDirectory } from './write-output.js';
import { collectRedactions } from '../hosts/redaction.js';
import { openPolicy } from '../policy/open.js';
import { probes } from '../probes/index.js';
import type { Io } from './io.js';
import { languageFromEnv } from './language.js';
import { defaultPolicyFile, packageInfo } from '../package-info.js';
import { terminalSafe } from '../reporters/escape.js';
import { detectTargetClass } from '../target-class.js';

/**
 * Run every probe against the target through a recording host and write what it answered as a
 * replay directory, with user names, host names and machine ids redacted and process arguments
 * dropped (only argv[0] of each process is kept).
 */
export const recordCommand = async (flags: { output: string; target: string; force?: boolean; lang?: Language } & SshFlags, io: Io): Promise<number> => {
  // Before the work: a recording that cannot be written is known now, not after the target was read.
  const output = resolve(io.cwd, flags.output);
  await checkOutputDirectory(output);
  if (!(flags.force ?? false) && !(await isEmptyOrMissing(output))) {
    throw new UsageError(`${output} exists and is not empty; choose another directory or force the overwrite`);
  }
  const policy = await openPolicy(defaultPolicyFile());
  const inner = await openHost(flags.target, { ...(await targetContext(flags.target, flags, io.cwd)), prefetch: prefetchOf() });
  try {
    const host = recordingHost(inner);
    const platform = await host.platform();
    const now = io.now();
    const facts = await collectFacts(host, Object.keys(probes), {
      platform,
      catalog: policy.catalog,
      now,
      timeoutMs: defaultProbeTimeoutMs,
    });
    // What tells a target's class (kernel, boot loader, fstab) is recorded too: the replay of a
    // root at rest is then judged as the same class as the root.
    await detectTargetClass(host);
    const redactions = await collectRedactions(inner);
    await writeReplay(output, withoutProcessArguments(host.recording()), {
      redact: redactions,
      platform,
      name: flags.target,
      toolVersion: packageInfo().version,
      now,
      force: flags.force ?? false,
    });
    const language = flags.lang ?? languageFromEnv(io.env);
    const m = cliMessagesFor(language);
    // Probes' reasons are catalogued messages: said in the language of the other lines.
    const said = (text: string): string => terminalSafe(translateReason(text, language));
    for (const [id, outcome] of Object.entries(facts)) {
      const line =
        outcome.status === 'ok'
          ? m.probeOk(id)
          : outcome.status === 'unsupported'
            ? m.probeUnsupported(id, said(outcome.reason))
            : outcome.status === 'partial'
              ? m.probeError(
                  id,
                  Object.entries(outcome.unknown)
                    .map(([path, why]) => `${terminalSafe(path)}: ${said(why.detail)}`)
                    .join('; '),
                )
              : m.probeError(id, said(outcome.message));
      io.stderr.write(line);
    }
    io.stderr.write(m.recorded(flags.target, flags.output, redactions.length));
    return 0;
  } finally {
    await inner.close();
  }
};
