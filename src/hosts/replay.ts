import { targetKinds } from './kinds.js';
import { lstat, open, readFile, readdir, realpath } from 'node:fs/promises';
import { constants, type Stats } from 'node:fs';
import path from 'node:path';
import { TargetError, UsageError } from '../errors.js';
import { defineHostKind } from './host.js';
import type { FileStat, Host, RunResult } from './host.js';
import { argvKey, commandsFile, confinedPath, filesDir, manifestFile, parseCommands, parseManifest } from './replay-format.js';
import type { RecordedCommand } from './replay-format.js';
import { errorCode, isVanished } from './vanished.js';
import { FileRefused, readRegularText } from '../bounded-read.js';
import { limits } from '../limits.js';
import { noteOversizedRead } from './denied-reads.js';
import { readHandleChunks } from './read-chunks.js';

/** A command the recording does not hold: a replay never invents an answer. */
export class UnrecordedCommandError extends Error {
  override readonly name = 'UnrecordedCommandError';
}

const isMissing = (error: unknown): boolean => isVanished(error);

/** A read of a files/ entry; undefined when the entry went away since it was found (vanished.ts). */
const unlessVanished = async <T>(read: () => Promise<T>): Promise<T | undefined> => {
  try {
    return await read();
  } catch (error) {
    if (isVanished(error)) return undefined;
    throw error;
  }
};

const readRequired = async (file: string, what: string): Promise<string> => {
  try {
    return await readRegularText(file, limits.hostFileBytes);
  } catch (error) {
    if (error instanceof FileRefused && error.code === 'ENOENT') throw new TargetError(`${file}: not found (${what})`, { cause: error });
    throw new TargetError(`${file}: cannot be read: ${error instanceof FileRefused ? error.reason : error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
};

const readOptional = async (file: string): Promise<string | undefined> => {
  try {
    return await readRegularText(file, limits.hostFileBytes);
  } catch (error) {
    if (error instanceof FileRefused && error.code === 'ENOENT') return undefined;
    throw new TargetError(`${file}: cannot be read: ${error instanceof FileRefused ? error.reason : error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
};

/** Stats for a files/ entry that has no recorded stat: only the size and type are known. */
const inferredStat = (entry: Stats): FileStat | undefined => {
  if (entry.isFile()) return { type: 'file', size: entry.size, mtimeMs: 0, mode: 0o100644, uid: 0 };
  if (entry.isDirectory()) return directoryStat;
  return undefined;
};

const directoryStat: FileStat = { type: 'directory', size: 4096, mtimeMs: 0, mode: 0o040755, uid: 0 };

const mapOf = <T>(record: Record<string, T> | undefined): Map<string, T> => new Map(Object.entries(record ?? {}));

/** Open a recorded host directory. Throws TargetError when host.json or commands.json is unusable. */
export const openReplay = async (directory: string): Promise<Host> => {
  const dir = path.resolve(directory);
  const manifestPath = path.join(dir, manifestFile);
  const commandsPath = path.join(dir, commandsFile);
  const manifest = parseManifest(await readRequired(manifestPath, 'a recorded host needs host.json'), manifestPath);
  const commandsText = await readOptional(commandsPath);
  const commands = new Map<string, RecordedCommand>();
  for (const command of commandsText === undefined ? [] : parseCommands(commandsText, commandsPath)) {
    const key = argvKey(command.argv);
    if (!commands.has(key)) commands.set(key, command);
  }
  const stats = mapOf(manifest.stats);
  const links = mapOf(manifest.links);
  const dirs = mapOf(manifest.dirs);
  const filesRoot = path.join(dir, filesDir);
  const realFilesRoot = await realpath(filesRoot).catch((error: unknown) => {
    if (isMissing(error)) return undefined;
    throw error;
  });
  // files/ itself must be a directory of the recording, not a symlink to this machine's files.
  if (realFilesRoot !== undefined) {
    const own = await lstat(filesRoot);
    if (own.isSymbolicLink() || !own.isDirectory() || realFilesRoot !== path.join(await realpath(dir), filesDir)) {
      throw new TargetError(`${filesRoot}: not a directory of the recording (a symlink out of it?); refused`);
    }
  }

  /** The files/ entry for a recorded path, refusing anything reached through a symlink. */
  const entryOf = async (recorded: string): Promise<{ file: string; stats: Stats } | undefined> => {
    if (realFilesRoot === undefined) return undefined;
    const expected = recorded === '/' ? realFilesRoot : path.join(realFilesRoot, recorded);
    let real: string;
    try {
      real = await realpath(path.join(filesRoot, recorded));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    if (real !== expected) return undefined;
    const entry = await unlessVanished(() => lstat(real));
    return entry === undefined || entry.isSymbolicLink() ? undefined : { file: real, stats: entry };
  };

  /** The files/ entry of a recorded regular file within the cap, or undefined (the oversize noted). */
  const recordedFile = async (requested: string): Promise<string | undefined> => {
    const recorded = confinedPath(requested);
    if (recorded === undefined) return undefined;
    const entry = await entryOf(recorded);
    if (!entry?.stats.isFile()) return undefined;
    if (entry.stats.size > limits.hostFileBytes) {
      noteOversizedRead(requested);
      return undefined;
    }
    return entry.file;
  };

  const readDirectory = async (requested: string): Promise<string[] | undefined> => {
    const recorded = confinedPath(requested);
    if (recorded === undefined) return undefined;
    const listed = dirs.get(recorded);
    if (listed === null) return undefined;
    const entry = await entryOf(recorded);
    const onDisk = entry?.stats.isDirectory() ? await unlessVanished(() => readdir(entry.file)) : undefined;
    if (listed === undefined && onDisk === undefined) return undefined;
    return [...new Set([...(listed ?? []), ...(onDisk ?? [])])].sort();
  };

  const unrecorded = (argv: readonly string[]): UnrecordedCommandError =>
    new UnrecordedCommandError(`command ${argvKey(argv)} is not recorded in ${commandsPath}`);

  return {
    kind: 'replay',
    name: manifest.name ?? directory,
    capabilities: manifest.capabilities ?? { read: true, exec: commandsText !== undefined, live: false },
    platform: () => Promise.resolve(manifest.platform),
    readFile: async (requested) => {
      const file = await recordedFile(requested);
      return file === undefined ? undefined : unlessVanished(() => readFile(file));
    },
    readFileChunks: async (requested, consume, chunkBytes) => {
      const file = await recordedFile(requested);
      if (file === undefined) return undefined;
      return unlessVanished(async () => {
        // Not through a link swapped in since it was found (ELOOP: refused), and only while it is still a regular file.
        const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch((error: unknown) => {
          if (errorCode(error) === 'ELOOP') return undefined;
          throw error;
        });
        if (handle === undefined) return undefined;
        try {
          const stats = await handle.stat();
          return stats.isFile() ? await readHandleChunks(handle, consume, chunkBytes, stats.size) : undefined;
        } finally {
          await handle.close();
        }
      });
    },
    readDir: readDirectory,
    stat: async (requested) => {
      const recorded = confinedPath(requested);
      if (recorded === undefined) return undefined;
      const stat = stats.get(recorded);
      if (stat !== undefined) return stat ?? undefined;
      const entry = await entryOf(recorded);
      if (entry) return inferredStat(entry.stats);
      const listed = dirs.get(recorded);
      return listed ? directoryStat : undefined;
    },
    readLink: (requested) => {
      const recorded = confinedPath(requested);
      return Promise.resolve(recorded === undefined ? undefined : links.get(recorded));
    },
    run: (file, args): Promise<RunResult> => {
      const argv = [file, ...args];
      const command = commands.get(argvKey(argv));
      if (!command) return Promise.reject(unrecorded(argv));
      const result: RunResult = { exitCode: command.exitCode, stdout: command.stdout, stderr: command.stderr, timedOut: command.timedOut };
      if (command.spawnError !== undefined) result.spawnError = command.spawnError;
      return Promise.resolve(result);
    },
    close: () => Promise.resolve(),
  };
};

export const replayHost = defineHostKind({
  ...targetKinds.replay,
  create: (argument) => {
    if (argument === undefined || argument === '') {
      return Promise.reject(new UsageError('the replay target needs a directory: replay:DIR'));
    }
    return openReplay(argument);
  },
});
