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
