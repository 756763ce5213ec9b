/**
 * Every kind of target as written on the command line, with what it is and an example: plain data,
 * so help texts show them without loading the hosts. Each host kind (hosts/index.ts) takes its
 * `kind`, `argument` and `describe` from here; a test keeps the two the same.
 */
export interface TargetKindText {
  readonly kind: string;
  /** Placeholder for the part after `kind:`; absent when the kind takes none. */
  readonly argument?: string;
  readonly describe: string;
  readonly example: string;
}

export const targetKinds = {
  local: { kind: 'local', describe: 'this machine (the default)', example: 'local' },
  replay: {
    kind: 'replay',
    argument: 'DIR',
    describe: 'a recorded host directory (host.json, files/, commands.json), as written by `charter record`',
    example: 'replay:fixtures/hosts/debian12-clean',
  },
  root: {
    kind: 'root',
    argument: 'DIR',
    describe: 'a mounted or unpacked root filesystem, read offline; nothing in it is executed',
    example: 'root:/mnt/image-root',
  },
  image: {
    kind: 'image',
    argument: 'FILE',
    describe: 'a docker save archive or an OCI image layout (directory or tar), read offline; nothing in it is executed',
    example: 'image:workstation.tar',
  },
  snapshot: {
    kind: 'snapshot',
    argument: 'FILE',
    describe: 'facts collected earlier by `charter collect` (nothing is probed; rules are judged as of the collection time)',
    example: 'snapshot:ws-0042.json',
  },
  ssh: {
    kind: 'ssh',
    argument: '[USER@]HOST[:PORT]',
    describe: 'a remote Linux machine over ssh (the system OpenSSH client: ~/.ssh/config, agent and known_hosts apply)',
    example: 'ssh:admin@ws-0042.example.lu',
  },
} as const satisfies Record<string, TargetKindText>;

/** `replay:DIR`, `local`. */
export const targetSyntaxOf = (kind: Pick<TargetKindText, 'kind' | 'argument'>): string =>
  kind.argument === undefined ? kind.kind : `${kind.kind}:${kind.argument}`;

/** Help lines listing the given kinds: syntax, what it is, an example. */
export const targetHelp = (kinds: readonly TargetKindText[]): string =>
  ['Targets:', ...kinds.map((k) => `  ${targetSyntaxOf(k).padEnd(26)} ${k.describe}\n  ${''.padEnd(26)} e.g. --target ${k.example}`)].join('\n');
