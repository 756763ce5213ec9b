import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { Platform } from '../model.js';
import type { FileStat, Host, HostCapabilities, RunResult } from './host.js';
import { minimiseAptLists } from './apt-lists-minimise.js';
import { createRedactor } from './redaction.js';
import { scrubRecordedFile } from './recording-scrub.js';
import type { Redaction } from './redaction.js';
import { argvKey, commandsFile, confinedPath, filesDir, manifestFile } from './replay-format.js';
import type { RecordedCommand, ReplayManifest } from './replay-format.js';

/** Everything a host answered, by path (undefined = absent) and by argv, first answer kept. */
export interface Recording {
  readonly kind: string;
  readonly name: string;
  readonly capabilities: HostCapabilities;
  readonly platform: Platform | undefined;
  readonly files: ReadonlyMap<string, Buffer | undefined>;
  readonly dirs: ReadonlyMap<string, readonly string[] | undefined>;
  readonly stats: ReadonlyMap<string, FileStat | undefined>;
  readonly links: ReadonlyMap<string, string | undefined>;
  readonly commands: readonly RecordedCommand[];
}

/** Wrap a host and remember every answer it gives, to be written as a `replay:` directory. */
export function recordingHost(inner: Host): Host & { recording(): Recording } {
  const files = new Map<string, Buffer | undefined>();
  const dirs = new Map<string, readonly string[] | undefined>();
  const stats = new Map<string, FileStat | undefined>();
  const links = new Map<string, string | undefined>();
  const commands = new Map<string, RecordedCommand>();
  let platform: Platform | undefined;

  const remember = <T>(map: Map<string, T>, key: string, value: T): T => {
    if (!map.has(key)) map.set(key, value);
    return value;
  };

  return {
    kind: inner.kind,
    name: inner.name,
    capabilities: inner.capabilities,
    platform: async () => (platform = await inner.platform()),
    readFile: async (p) => {
      const bytes = await inner.readFile(p);
      remember(files, p, bytes === undefined ? undefined : scrubRecordedFile(p, Buffer.from(bytes)));
      return bytes;
    },
    readDir: async (p) => {
      const names = await inner.readDir(p);
      remember(dirs, p, names === undefined ? undefined : [...names]);
      return names;
    },
    stat: async (p) => {
      const stat = await inner.stat(p);
      remember(stats, p, stat === undefined ? undefined : { ...stat });
      return stat;
    },
    readLink: async (p) => remember(links, p, await inner.readLink(p)),
    run: async (file, args, options): Promise<RunResult> => {
      const result = await inner.run(file, args, options);
      const argv = [file, ...args];
      remember(commands, argvKey(argv), { argv, ...result });
      return result;
    },
    close: () => inner.close(),
    recording: () => ({
      kind: inner.kind,
      name: inner.name,
      capabilities: inner.capabilities,
      platform,
      files: new Map(files),
      dirs: new Map(dirs),
      stats: new Map(stats),
      links: new Map(links),
      commands: [...commands.values()],
    }),
  };
}

export interface WriteReplayOptions {
  /** Values to replace everywhere before anything is written (see collectRedactions). */
  redact: readonly Redaction[];
  /** Used when the recording never asked the host for its platform. */
  platform: Platform;
  name: string;
  toolVersion: string;
  now: Date;
  /** Replace an existing non-empty directory. */
  force?: boolean;
}

const sortedObject = <T>(entries: Iterable<[string, T]>): Record<string, T> =>
  Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Is `dir` missing, or an empty directory? */
export const isEmptyOrMissing = async (dir: string): Promise<boolean> => {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return true;
    throw error;
  }
};

/** Is `child` at or below `parent` (both normalised absolute paths)? */
const isWithin = (child: string, parent: string): boolean => child === parent || child.startsWith(parent === '/' ? '/' : `${parent}/`);

/**
 * Normalise and redact the keys of a map. Paths a replay can never be asked for (relative, or with
 * `..`) are left out; two recorded paths that redact to the same one are refused.
 */
const redactedKeys = <T>(source: ReadonlyMap<string, T>, redactPath: (p: string) => string, what: string): Map<string, T> => {
  const result = new Map<string, T>();
  const originals = new Map<string, string>();
  for (const [key, value] of source) {
    const normal = confinedPath(key);
    if (normal === undefined) continue;
    const redacted = redactPath(normal);
    const earlier = originals.get(redacted);
    if (earlier === undefined) {
      originals.set(redacted, normal);
      result.set(redacted, value);
    } else if (earlier !== normal) {
      throw new Error(`two recorded ${what} redact to the same path ${redacted}`);
    }
  }
  return result;
};

/**
 * Write a recording as a `replay:` directory: host.json, files/ and commands.json, redacted. The
 * directory appears whole or not at all (written beside it, then renamed into place).
 */
export async function writeReplay(dir: string, recording: Recording, options: WriteReplayOptions): Promise<void> {
  const target = path.resolve(dir);
  if (!options.force && !(await isEmptyOrMissing(target))) {
    throw new UsageError(`${target} exists and is not empty; choose another directory or force the overwrite`);
  }
  const redactor = createRedactor(options.redact);
  const redactPath = (p: string): string => redactor.text(p);

  const { files: kept, minimised } = minimiseAptLists(recording.files);
  const files = redactedKeys(kept, redactPath, 'files');
  const written = [...files].flatMap(([p, bytes]) => (bytes === undefined ? [] : [p]));
  /** An absent answer only needs recording where files/ would otherwise suggest an answer. */
  const shadowed = (p: string): boolean => written.some((file) => isWithin(file, p));

  const stats = [...redactedKeys(recording.stats, redactPath, 'stats')].flatMap(([p, stat]): [string, FileStat | null][] =>
    stat ? [[p, stat]] : shadowed(p) ? [[p, null]] : [],
  );
  const dirs = [...redactedKeys(recording.dirs, redactPath, 'listings')].flatMap(([p, names]): [string, string[] | null][] => {
    if (!names) return shadowed(p) ? [[p, null]] : [];
    const redacted = names.map((name) => path.posix.basename(redactPath(path.posix.join(p, name))));
    return [[p, [...new Set(redacted)].sort()]];
  });
  const links = [...redactedKeys(recording.links, redactPath, 'links')].flatMap(([p, link]): [string, string][] =>
    link === undefined ? [] : [[p, redactPath(link)]],
  );
  const commands = recording.commands
    .map((c): RecordedCommand => {
      const command: RecordedCommand = {
        argv: c.argv.map((a) => redactor.text(a)),
        exitCode: c.exitCode,
        stdout: redactor.text(c.stdout),
        stderr: redactor.text(c.stderr),
        timedOut: c.timedOut,
      };
      if (c.spawnError !== undefined) command.spawnError = c.spawnError;
      return command;
    })
    .sort((a, b) => (argvKey(a.argv) < argvKey(b.argv) ? -1 : 1));

  const manifest: ReplayManifest = {
    platform: recording.platform ?? options.platform,
    name: redactor.text(options.name),
    recordedAt: options.now.toISOString(),
    tool: `charter ${options.toolVersion}`,
    capabilities: { ...recording.capabilities },
    redactions: [...options.redact]
      .map(({ kind, replacement }) => ({ kind, replacement }))
      .sort((a, b) => (a.kind + a.replacement < b.kind + b.replacement ? -1 : 1)),
    stats: sortedObject(stats),
    links: sortedObject(links),
    dirs: sortedObject(dirs),
    ...(minimised.length > 0 ? { minimised: minimised.map(redactPath) } : {}),
  };

  const temporary = `${target}.tmp-${process.pid}`;
  await rm(temporary, { recursive: true, force: true });
  try {
    await mkdir(path.join(temporary, filesDir), { recursive: true });
    for (const [p, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (bytes === undefined) continue;
      const file = path.join(temporary, filesDir, p.slice(1));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, redactor.bytes(bytes));
    }
    await writeFile(path.join(temporary, manifestFile), json(manifest));
    await writeFile(path.join(temporary, commandsFile), json(commands));
    await moveIntoPlace(temporary, target);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}

/** Rename `from` to `to`, first moving aside whatever is at `to` (already known to be replaceable). */
const moveIntoPlace = async (from: string, to: string): Promise<void> => {
  const aside = `${to}.old-${process.pid}`;
  let movedAside = false;
  try {
    await rename(to, aside);
    movedAside = true;
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
  }
  try {
    await rename(from, to);
  } catch (error) {
    if (movedAside) await rename(aside, to);
    throw error;
  }
  if (movedAside) await rm(aside, { recursive: true, force: true });
};
