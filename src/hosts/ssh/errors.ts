import { TargetError } from '../../errors.js';

/** Why an ssh target could not be used. */
export type SshFailureKind = 'unreachable' | 'auth' | 'host-key' | 'timeout' | 'unsupported' | 'protocol';

/** A TargetError that says which kind of failure it was, with ssh's own words in the message. */
export class SshTargetError extends TargetError {
  readonly kind: SshFailureKind;
  constructor(message: string, kind: SshFailureKind, options?: ErrorOptions) {
    super(message, options);
    this.kind = kind;
  }
}

const patterns: readonly [RegExp, SshFailureKind][] = [
  [/host key verification failed|remote host identification has changed|host key for .* has changed|no \S+ host key is known/i, 'host-key'],
  [/permission denied|too many authentication failures|no supported authentication methods|authentication failed/i, 'auth'],
  [/timed out|timeout/i, 'timeout'],
  [
    /connection refused|could not resolve hostname|name or service not known|temporary failure in name resolution|no route to host|network is unreachable|connection closed by|connection reset|kex_exchange_identification|no address associated/i,
    'unreachable',
  ],
];

/** The line of ssh's stderr that says what went wrong (warnings about known_hosts are skipped). */
export const sshMessage = (stderr: string): string => {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^Warning: Permanently added/i.test(line) && !/^@+$/.test(line));
  return lines.find((line) => patterns.some(([pattern]) => pattern.test(line))) ?? lines[0] ?? 'ssh failed without a message';
};

export const classifySshFailure = (stderr: string): SshFailureKind => {
  for (const [pattern, kind] of patterns) if (pattern.test(stderr)) return kind;
  return 'unreachable';
};
