import type { Command } from 'commander';

/**
 * Examples shown by `--help`, by command path. Every flag they use is one the command has (a test
 * checks it), so they stay runnable as the options change.
 */
export const helpExamples: Readonly<Record<string, readonly string[]>> = {
  check: [
    'charter check # this machine, in the language of the locale',
    'charter check --lang lb --fail-on high # in Luxembourgish; only high and critical fail the run',
    'charter check --target image:workstation.tar --format junit --output report.xml --format sarif --output report.sarif',
    'charter check --target ssh:admin@ws-0042.example.lu --identity ~/.ssh/audit_ed25519 --known-hosts ./known_hosts',
    'charter check --policy ministry.yaml --policy-sha256 4445aaf0341b --waivers waivers.yaml --attestations attested.yaml',
    'charter check --target root:/mnt/root --target-class os-image --no-color --probe-timeout 60000',
  ],
  rules: ['charter rules', 'charter rules --policy ministry.yaml --format json --lang fr'],
  explain: ['charter explain MSG-01', 'charter explain ENC-01 --lang de --format json --policy ministry.yaml'],
  'policy validate': ['charter policy validate ministry.yaml'],
  'waivers lint': ['charter waivers lint waivers.yaml --within 14', 'charter waivers lint waivers.yaml --policy ministry.yaml --format json'],
  record: ['charter record --output recorded/ws-0042', 'charter record --target ssh:admin@ws-0042 --output recorded/ws-0042 --force --lang fr'],
  collect: [
    'charter collect --output ws-0042.json --redact',
    'charter collect --target ssh:admin@ws-0042 --identity ~/.ssh/audit_ed25519 --output snapshots/ws-0042.json',
    'charter collect --target root:/mnt/root --target-class os-image --output image.json --include-browser-history',
  ],
  audit: [
    'charter audit snapshots/ --format html --output fleet.html',
    'charter audit --inventory hosts.ini --identity ~/.ssh/audit_ed25519 --known-hosts ./known_hosts --concurrency 16 --format csv --output fleet.csv',
    'charter audit snapshots/ --fail-on high --format json --output fleet.json --lang fr --host-timeout 300000',
  ],
};

/** The command's path below `charter`: `check`, `policy validate`. */
export const commandPath = (command: Command): string => {
  const names: string[] = [];
  let current: Command = command;
  while (current.parent) {
    names.unshift(current.name());
    current = current.parent;
  }
  return names.join(' ');
};

/** Every command that runs something (not the groups `policy` and `waivers`), depth first. */
export const leafCommands = (program: Command): Command[] => program.commands.flatMap((c) => (c.commands.length > 0 ? leafCommands(c) : [c]));

/** Lines with a trailing `# comment` get their comments in one column. */
const alignComments = (lines: readonly string[]): string[] => {
  const split = lines.map((line) => {
    const at = line.indexOf(' # ');
    return at === -1 ? { code: line, comment: undefined } : { code: line.slice(0, at).trimEnd(), comment: line.slice(at + 1) };
  });
  const width = Math.max(0, ...split.filter((l) => l.comment !== undefined).map((l) => l.code.length));
  return split.map((l) => (l.comment === undefined ? l.code : `${l.code.padEnd(width)}  ${l.comment}`));
};

/**
 * Adds, after each command's own help, the target kinds (`targets`, hosts/kinds.ts's `targetHelp`,
 * when it takes --target) and its examples.
 */
export const addUsageHelp = (program: Command, targets: string | undefined): void => {
  for (const command of leafCommands(program)) {
    const parts: string[] = [];
    if (command.options.some((o) => o.long === '--target')) {
      if (targets === undefined) throw new Error(`${commandPath(command)} takes --target: its help needs the target kinds`);
      parts.push(targets);
    }
    const examples = helpExamples[commandPath(command)] ?? [];
    if (examples.length > 0) parts.push(['Examples:', ...alignComments(examples).map((e) => `  ${e}`)].join('\n'));
    if (parts.length > 0) command.addHelpText('after', `\n${parts.join('\n\n')}`);
  }
};
