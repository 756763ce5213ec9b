/** Errors that stop a run. Everything else becomes a finding. Each maps to exit code 2. */

export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

export interface PolicyProblem extends SourcePosition {
  message: string;
}

/** Bad command-line usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A policy, catalog or other input file that cannot be used; carries every problem found. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  readonly problems: readonly PolicyProblem[];
  constructor(problems: readonly PolicyProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.problems = problems;
  }
}

/** A target that cannot be reached or read at all. */
export class TargetError extends Error {
  override readonly name = 'TargetError';
}

export const formatProblem = (p: PolicyProblem): string => `${p.file}:${p.line}:${p.col}: ${p.message}`;

/**
 * 0 ok; 1 findings at or above --fail-on (check, audit); 2 the run could not happen; 3 (collect
 * only) the snapshot was written, but some probes could not see everything (error or partial).
 */
export const exitCodes = { ok: 0, findings: 1, unusable: 2, incomplete: 3 } as const;

/** A file the run was asked to write that cannot be written: exit 2, one line naming it and why. */
export class OutputError extends Error {
  override readonly name = 'OutputError';
}

const fsReasons: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  ENXIO: 'no process is reading it',
  EPIPE: 'the process reading it stopped',
  EBADF: 'not an open file descriptor',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  EBUSY: 'resource busy',
  EXDEV: 'not on the same file system',
  EEXIST: 'it already exists',
};

/** The system error code of a failed file operation (ENOENT, ENOSPC, ...), when it has one. */
export const fsErrorCode = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

/** A failed file operation's cause in a few words, without its stack or the path (the caller names it). */
export const fsErrorReason = (error: unknown): string => {
  const code = fsErrorCode(error);
  if (code === undefined) return error instanceof Error ? error.message : String(error);
  const reason = fsReasons[code];
  return reason === undefined ? code : `${reason} (${code})`;
};
