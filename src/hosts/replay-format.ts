/**
 * The on-disk format of a recorded host (`replay:DIR`), shared by the replay host that reads it and
 * the recorder that writes it:
 *
 *   DIR/host.json       ReplayManifest: platform, provenance, stats, links, directory listings
 *   DIR/files/<path>    each recorded file, byte for byte, at its absolute path
 *   DIR/commands.json   RecordedCommand[]: argv and the answer
 *
 * A file, listing, stat or link that is not recorded did not exist (or could not be read).
 */
import path from 'node:path';
import { TargetError } from '../errors.js';
import { platforms } from '../model.js';
import type { Platform } from '../model.js';
import type { FileStat, HostCapabilities, RunResult } from './host.js';

export const manifestFile = 'host.json';
export const commandsFile = 'commands.json';
export const filesDir = 'files';

export const redactionKinds = ['hostname', 'user', 'machine-id'] as const;
export type RedactionKind = (typeof redactionKinds)[number];

export interface ReplayManifest {
  platform: Platform;
  name?: string;
  recordedAt?: string;
  tool?: string;
  capabilities?: HostCapabilities;
  /** What was redacted, never the original values. */
  redactions?: { kind: RedactionKind; replacement: string }[];
  /** stat answers by path; `null` = recorded as absent (overrides what files/ would suggest). */
  stats?: Record<string, FileStat | null>;
  links?: Record<string, string>;
  /** readDir answers by path; `null` = recorded as absent or unreadable. */
  dirs?: Record<string, string[] | null>;
  /** Files cut down when recorded (apt lists reduced to installed packages: apt-lists-minimise.ts). */
  minimised?: string[];
}

export interface RecordedCommand extends RunResult {
  argv: string[];
}

/** A command as stored: `timedOut` may be left out when false. */
type StoredCommand = Omit<RecordedCommand, 'timedOut'> & { timedOut?: boolean };

const fileTypes: readonly string[] = ['file', 'directory', 'symlink', 'other'] satisfies FileStat['type'][];

type Problems = string[];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

const checkOptionalString = (object: Record<string, unknown>, key: string, problems: Problems): void => {
  if (key in object && typeof object[key] !== 'string') problems.push(`"${key}" must be a string`);
};

/** Check that `object[key]`, when present, maps absolute paths to values accepted by `valid`. */
const checkPathMap = (object: Record<string, unknown>, key: string, what: string, valid: (value: unknown) => boolean, problems: Problems): void => {
  const map = object[key];
  if (map === undefined) return;
  if (!isRecord(map)) {
    problems.push(`"${key}" must be an object mapping absolute paths to ${what}`);
    return;
  }
  for (const [path, value] of Object.entries(map)) {
    if (!path.startsWith('/')) problems.push(`"${key}": "${path}" is not an absolute path`);
    if (!valid(value)) problems.push(`"${key}"."${path}" must be ${what}`);
  }
};

const isFileStat = (value: unknown): boolean =>
  isRecord(value) &&
  typeof value.type === 'string' &&
  fileTypes.includes(value.type) &&
  isFiniteNumber(value.size) &&
  isFiniteNumber(value.mtimeMs) &&
  isFiniteNumber(value.mode) &&
  isFiniteNumber(value.uid);

const manifestProblems = (value: unknown): Problems => {
  if (!isRecord(value)) return ['must be a JSON object'];
  const problems: Problems = [];
  const knownPlatforms: readonly string[] = platforms;
  if (typeof value.platform !== 'string' || !knownPlatforms.includes(value.platform)) {
    problems.push(`"platform" must be one of ${platforms.join(', ')}`);
  }
  for (const key of ['name', 'recordedAt', 'tool']) checkOptionalString(value, key, problems);
  const { capabilities, redactions } = value;
  if (
    capabilities !== undefined &&
    !(isRecord(capabilities) && typeof capabilities.read === 'boolean' && typeof capabilities.exec === 'boolean' && typeof capabilities.live === 'boolean')
  ) {
    problems.push('"capabilities" must be { "read": boolean, "exec": boolean, "live": boolean }');
  }
  const knownKinds: readonly string[] = redactionKinds;
  if (
    redactions !== undefined &&
    !(
      Array.isArray(redactions) &&
      redactions.every((r) => isRecord(r) && typeof r.kind === 'string' && knownKinds.includes(r.kind) && typeof r.replacement === 'string')
    )
  ) {
    problems.push(`"redactions" must be a list of { "kind": ${redactionKinds.join('|')}, "replacement": string }`);
  }
  checkPathMap(value, 'stats', '{ type, size, mtimeMs, mode, uid } or null', (s) => s === null || isFileStat(s), problems);
  checkPathMap(value, 'links', 'a string', (l) => typeof l === 'string', problems);
  checkPathMap(value, 'dirs', 'a list of names or null', (d) => d === null || isStringArray(d), problems);
  return problems;
};

const commandProblems = (value: unknown): Problems => {
  if (!Array.isArray(value)) return ['must be a JSON array of { argv, exitCode, stdout, stderr }'];
  const problems: Problems = [];
  value.forEach((command: unknown, index) => {
    const at = `[${index}]`;
    if (!isRecord(command)) {
      problems.push(`${at} must be an object`);
      return;
    }
    if (!isStringArray(command.argv) || command.argv.length === 0) problems.push(`${at}.argv must be a non-empty list of strings`);
    if (!Number.isInteger(command.exitCode)) problems.push(`${at}.exitCode must be an integer`);
    if (typeof command.stdout !== 'string') problems.push(`${at}.stdout must be a string`);
    if (typeof command.stderr !== 'string') problems.push(`${at}.stderr must be a string`);
    if ('timedOut' in command && typeof command.timedOut !== 'boolean') problems.push(`${at}.timedOut must be a boolean`);
    if ('spawnError' in command && typeof command.spawnError !== 'string') problems.push(`${at}.spawnError must be a string`);
  });
  return problems;
};

const parseJson = (text: string, file: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new TargetError(`${file}: invalid JSON: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
};

const invalid = (file: string, problems: Problems): TargetError =>
  new TargetError(`${file}: not a valid recorded host:\n${problems.map((p) => `  - ${p}`).join('\n')}`);

/** Parse and validate host.json; `file` names it in errors. */
export const parseManifest = (text: string, file: string): ReplayManifest => {
  const value = parseJson(text, file);
  const problems = manifestProblems(value);
  if (problems.length > 0) throw invalid(file, problems);
  return value as ReplayManifest;
};

/** Parse and validate commands.json; `file` names it in errors. */
export const parseCommands = (text: string, file: string): RecordedCommand[] => {
  const value = parseJson(text, file);
  const problems = commandProblems(value);
  if (problems.length > 0) throw invalid(file, problems);
  return (value as StoredCommand[]).map((c) => ({ ...c, timedOut: c.timedOut ?? false }));
};

/** The key of a command in a recording: its argv, unambiguous (spaces inside arguments stay distinct). */
export const argvKey = (argv: readonly string[]): string => JSON.stringify(argv);

/**
 * The normalised recorded path for a requested one, or undefined when it is not an absolute path
 * or has a `..` segment (a replay answers only from inside its directory).
 */
export const confinedPath = (requested: string): string | undefined => {
  if (!requested.startsWith('/') || requested.includes('\0')) return undefined;
  if (requested.split('/').includes('..')) return undefined;
  const normal = path.posix.normalize(requested);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
};
