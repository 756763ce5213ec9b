import { targetContext, type SshFlags } from './ssh-flags.js';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { defaultProbeTimeoutMs } from '../collect.js';
import { exitCodes } from '../errors.js';
import { collectSnapshot } from '../fleet/snapshot-collect.js';
import { formatSnapshot } from '../hosts/snapshot-format.js';
import { terminalSafe } from '../reporters/escape.js';
import { openHost } from '../hosts/index.js';
import { prefetchOf } from '../probes/reads.js';
import { translateReason } from '../i18n/reason-parse.js';
import { cliMessagesFor } from '../i18n/cli-messages.js';
import type { Language, TargetClass } from '../model.js';
import { loadCatalog } from '../policy/load.js';
import type { Io } from './io.js';
import { languageFromEnv } from './language.js';
import { packageInfo } from '../package-info.js';
import { checkOutputPath, writeFileAtomic } from './write-output.js';
import { gzipSync } from 'node:zlib';

export interface CollectFlags extends SshFlags {
  target: string;
  /** The class to record instead of the one told from the target's content. */
  targetClass?: TargetClass;
  output: string;
  redact?: boolean;
  /** The language of the summary line; the locale's (LANG) when not given. */
  lang?: Language;
  /** Read browser history (visits per catalog origin): --include-browser-history. */
  includeBrowserHistory?: boolean;
  /** The group (ministry, department) written into the snapshot: --group. */
  group?: string;
}

/** The shipped app catalog, as the snapshot names it. */
export const shippedCatalogPath = 'policies/catalog/apps.yaml';

/** Longest probe message in the one-line summary of an incomplete snapshot (the snapshot has it whole). */
const maxSummaryMessage = 160;

/** A probe's message as the summary line shows it: its first line, shortened, terminal-safe. */
const summaryMessage = (message: string): string => {
  const line = message.split('\n')[0]?.trim() ?? '';
  return terminalSafe(line.length > maxSummaryMessage ? `${line.slice(0, maxSummaryMessage - 1)}…` : line);
};

/**
 * Run every probe on the target with the shipped app catalog and write the outcomes as a snapshot
 * file, whole or not at all. Probe failures are recorded in the snapshot, not fatal: the snapshot
 * is written, its `incomplete` list names them, one stderr line says so, and the exit code is 3.
 */
export const collectCommand = async (flags: CollectFlags, io: Io): Promise<number> => {
  // Before the work: a snapshot that cannot be written is known now, not after the target was read.
  await checkOutputPath(resolve(io.cwd, flags.output));
  const { root, name, version } = packageInfo();
  const loaded = await loadCatalog(join(root, shippedCatalogPath));
  const host = await openHost(flags.target, { ...(await targetContext(flags.target, flags, io.cwd)), prefetch: prefetchOf() });
  try {
    const snapshot = await collectSnapshot(host, {
      catalog: { catalog: loaded.catalog, file: shippedCatalogPath, sha256: createHash('sha256').update(loaded.text).digest('hex') },
      now: io.now(),
      tool: { name, version },
      target: flags.target,
      timeoutMs: defaultProbeTimeoutMs,
      redact: flags.redact ?? false,
      ...(flags.targetClass === undefined ? {} : { targetClass: flags.targetClass }),
      ...(flags.includeBrowserHistory === true ? { includeBrowserHistory: true } : {}),
      ...(flags.group === undefined ? {} : { group: flags.group }),
      ...(io.signal === undefined ? {} : { signal: io.signal }),
    });
    // `--output host.json.gz`: gzip (a snapshot is mostly repeated keys and names, about a tenth once compressed).
    const text = formatSnapshot(snapshot);
    await writeFileAtomic(resolve(io.cwd, flags.output), /\.gz$/i.test(flags.output) ? gzipSync(text, { level: 9 }) : text);
    const outcomes = Object.values(snapshot.facts);
    const count = (status: string): number => outcomes.filter((o) => o.status === status).length;
    const language = flags.lang ?? languageFromEnv(io.env);
    const messages = cliMessagesFor(language);
    io.stderr.write(
      messages.wroteSnapshot(flags.output, {
        total: outcomes.length,
        ok: count('ok'),
        unsupported: count('unsupported'),
        error: count('error'),
        redacted: snapshot.host.redacted,
      }),
    );
    const incomplete = snapshot.incomplete ?? [];
    if (incomplete.length === 0) return exitCodes.ok;
    io.stderr.write(
      messages.incompleteSnapshot(incomplete.map(({ probe, message }) => ({ probe, message: summaryMessage(translateReason(message, language)) }))),
    );
    return exitCodes.incomplete;
  } finally {
    await host.close();
  }
};
