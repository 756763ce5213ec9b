import { Command, CommanderError, Option } from 'commander';
import { isAbsolute, relative } from 'node:path';
import { OutputError, PolicyError, TargetError, UsageError, exitCodes, fsErrorCode, fsErrorReason, formatProblem } from '../errors.js';
import type { Language, TargetClass } from '../model.js';
import { languages, severities, targetClasses } from '../model.js';
import type { Io } from './io.js';
import { languageFromEnv } from './language.js';
import { OutputRequests, type OutputRequest } from './output-requests.js';
import { packageInfo } from '../package-info.js';
import { reporters } from '../reporters/index.js';
import type { AuditFlags } from './audit-command.js';
import { terminalSafe, terminalSafeLines } from '../reporters/escape.js';
import type { ExplainFlags } from './explain-command.js';
import type { PolicyFlags } from './load-policy.js';
import type { WaiversLintFlags } from './waivers-command.js';

const formatNames = Object.keys(reporters);

/** Parse argv, run one command, and return the exit code. Never calls process.exit. */
export const run = async (argv: readonly string[], io: Io): Promise<number> => {
  const { version } = packageInfo();
  let exitCode: number = exitCodes.ok;
  const program = new Command('charter')
    .description('Check a machine against an information-security charter, rule by rule.')
    .version(version, '-V, --version', 'print the version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });

  const lang = (): Option =>
    new Option('--lang <language>', 'language of the report').choices(languages).default(languageFromEnv(io.env));
  const policyOption = (): Option => new Option('--policy <file>', 'policy file (default: the shipped charter)');
  const targetClassOption = (): Option =>
    new Option('--target-class <class>', `judge the target as ${targetClasses.join(', ')} (default: told from its content)`).argParser(targetClassArgument);
  const governanceOptions = (command: Command): Command =>
    command
      .addOption(
        new Option('--policy-sha256 <hash>', "refuse to run unless the policy (with its catalogs and what it extends) has this sha256, as reports show it").argParser(
          sha256Argument,
        ),
      )
      .option('--waivers <file>', 'waivers file (YAML): failing rules it covers, while valid, report `waived`')
      .option('--attestations <file>', 'attestations file (YAML): manual rules it attests, while valid, report `pass`');

  const outputs = new OutputRequests(formatNames);
  const checkSpec = program
    .command('check')
    .description('check a target against the policy and report each rule')
    .addOption(policyOption());
  governanceOptions(checkSpec)
    .option('--target <target>', 'what to check: local, replay:DIR', 'local')
    .addOption(targetClassOption())
    .addOption(
      new Option('--format <format>', `output format: ${formatNames.join(', ')} (repeatable, default text)`).argParser(outputs.addFormat),
    )
    .addOption(
      new Option('--output <file>', 'write the report of the --format before it to this file, whole or not at all (repeatable)').argParser(
        outputs.addOutput,
      ),
    )
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run').choices(severities).default('low'))
    .addOption(lang())
    // --color before --no-color, so that neither given leaves `color` undefined (auto).
    .option('--color', 'colour the output even when it is not a terminal')
    .option('--no-color', 'never colour the output')
    .option('--include-browser-history', 'read browser history: visits per origin listed in the app catalog (never titles or paths); intrusive, off by default')
    .option('--redact', "show the machine's host name and machine id as stable pseudonyms in the report")
    .addOption(new Option('--probe-timeout <ms>', `time limit for each probe (at most ${String(limits.probeTimeoutMs)})`).argParser(bounded('--probe-timeout', limits.probeTimeoutMs)).default(30_000))
    .addHelpText('after', '\nExit codes: 0 nothing at or above --fail-on failed or errored; 1 something did; 2 the run could not happen.')
    .action(async (options: Omit<CheckFlags, 'outputs'>) => {
      const { checkCommand } = await import('./check-command.js');
      exitCode = await checkCommand({ ...options, outputs: outputs.resolve() }, io);
    });

  program
    .command('rules')
    .description('list the rules of the policy (id, severity, title)')
    .addOption(policyOption())
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(lang())
    .action(async (options: { policy?: string; format: 'text' | 'json'; lang: Language }) => {
      const { rulesCommand } = await import('./rules-command.js');
      exitCode = await rulesCommand(options, io);
    });

  const policy = program.command('policy').description('work with policy files');
  policy
    .command('validate')
    .description('report every problem of a policy file as FILE:LINE:COL: message')
    .argument('<file>', 'policy file')
    .action(async (file: string) => {
      const { validateCommand } = await import('./policy-command.js');
      exitCode = await validateCommand(file, io);
    });

  program
    .command('explain')
    .description('say what a rule checks, on which platforms and targets, its sources and its remediation')
    .argument('<rule>', 'rule id, e.g. LCK-01')
    .addOption(policyOption())
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(lang())
    .action(async (rule: string, options: Omit<ExplainFlags, 'policySha256'>) => {
      const { explainCommand } = await import('./explain-command.js');
      exitCode = await explainCommand(rule, options, io);
    });

  const waivers = program.command('waivers').description('work with waiver files');
  waivers
    .command('lint')
    .description('check a waivers file against the policy and list the waivers that expired or end soon')
    .argument('<file>', 'waivers file (YAML)')
    .addOption(policyOption())
    .addOption(new Option('--within <days>', 'report waivers ending within this many days').argParser(positiveCount).default(30))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', '\nExit codes: 0 no waiver expired or ends within --within days; 1 some did; 2 the file or the policy cannot be used.')
    .action(async (file: string, options: Omit<WaiversLintFlags, 'policySha256'>) => {
      const { waiversLintCommand } = await import('./waivers-command.js');
      exitCode = await waiversLintCommand(file, options, io);
    });

  program
    .command('record')
    .description('record a target into a replay directory (user and host names redacted) for tests')
    .requiredOption('--output <dir>', 'replay directory to create')
    .option('--target <target>', 'what to record', 'local')
    .option('--force', 'replace an existing directory')
    .addOption(lang())
    .action(async (options: { output: string; target: string; force?: boolean; lang: Language }) => {
      const { recordCommand } = await import('./record-command.js');
      exitCode = await recordCommand(options, io);
    });

  program
    .command('collect')
    .description('run every probe on a target and write the facts to a snapshot file, for `check --target snapshot:FILE` or `audit`')
    .requiredOption('--output <file>', 'snapshot file to write, whole or not at all')
    .option('--target <target>', 'what to collect from: local, replay:DIR, root:DIR, image:FILE', 'local')
    .addOption(targetClassOption())
    .option('--redact', 'replace the host name, machine id and user names by stable pseudonyms')
    .option('--include-browser-history', 'read browser history: visits per origin listed in the app catalog (never titles or paths); intrusive, off by default')
    .addOption(lang())
    .addHelpText(
      'after',
      '\nExit codes: 0 the snapshot was written, every probe saw everything; 3 it was written, but some probes could not see everything (named on stderr and in its "incomplete" list); 2 it could not be written (bad usage, unusable target).',
    )
    .action(async (options: { output: string; target: string; targetClass?: TargetClass; redact?: boolean; lang: Language; includeBrowserHistory?: boolean }) => {
      const { collectCommand } = await import('./collect-command.js');
      exitCode = await collectCommand(options, io);
    });

  // Fleet formats are known once the fleet reporters are loaded, which only `audit` needs.
  const fleetFormatNames: string[] = [];
  const fleetOutputs = new OutputRequests(fleetFormatNames);
  const fleetFormat = new Option('--format <format>', 'fleet report format (repeatable, default text)').argParser(fleetOutputs.addFormat);
  const auditCommandSpec: Command = program
    .command('audit')
    .description('check many hosts (snapshot files, or directories of them) and write a fleet report')
    .argument('[snapshots...]', 'snapshot files written by `charter collect`, or directories of them (every *.json directly inside)')
    .option('--inventory <file>', 'hosts to audit over ssh: one [user@]host[:port] per line, or an Ansible INI/YAML inventory')
    .addOption(policyOption())
    .addOption(targetClassOption());
  governanceOptions(auditCommandSpec)
    .addOption(fleetFormat)
    .addOption(
      new Option('--output <file>', 'write the report of the --format before it to this file, whole or not at all (repeatable)').argParser(
        fleetOutputs.addOutput,
      ),
    )
    .option('--ssh-config <file>', 'ssh_config file for the inventory hosts (default: ssh\'s own, ~/.ssh/config)')
    .option('--identity <file>', 'private key for the inventory hosts (ssh -i)')
    .option('--known-hosts <file>', 'known_hosts file for the inventory hosts (host keys are always checked)')
    .addOption(new Option('--connect-timeout <s>', `seconds to wait for each ssh connection (at most ${String(limits.connectTimeoutSec)})`).argParser(bounded('--connect-timeout', limits.connectTimeoutSec)).default(10))
    .option('--include-browser-history', 'read browser history on hosts checked over ssh (--inventory): visits per origin listed in the app catalog (never titles or paths); intrusive, off by default')
    .addOption(new Option('--concurrency <n>', 'hosts checked at the same time').argParser(positiveCount).default(8))
    .addOption(new Option('--host-timeout <ms>', `time limit for each host (at most ${String(limits.hostTimeoutMs)})`).argParser(bounded('--host-timeout', limits.hostTimeoutMs)).default(120_000))
    .addOption(new Option('--fail-on <severity>', 'lowest severity that makes a host non-compliant').choices(severities).default('low'))
    .addOption(lang())
    .option('--color', 'colour the output even when it is not a terminal')
    .option('--no-color', 'never colour the output')
    .addHelpText(
      'after',
      '\nExit codes: 0 every host checked and compliant; 1 some host not compliant, or some host could not be checked (the audit is incomplete); 2 the run could not happen.',
    )
    .action(async (sources: string[], options: Omit<AuditFlags, 'outputs' | 'sources'>) => {
      const { auditCommand } = await import('./audit-command.js');
      exitCode = await auditCommand({ ...options, sources, outputs: fleetOutputs.resolve() }, io);
    });
  program.hook('preSubcommand', async (_program, subcommand) => {
    if (subcommand !== auditCommandSpec) return;
    const { fleetReporters } = await import('../fleet/reporters/index.js');
    fleetFormatNames.push(...Object.keys(fleetReporters));
    fleetFormat.description = `fleet report format: ${fleetFormatNames.join(', ') || '(none available)'} (repeatable, default text)`;
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io);
  }
};

export interface CheckFlags extends PolicyFlags {
  target: string;
  targetClass?: TargetClass;
  outputs: OutputRequest[];
  failOn: (typeof severities)[number];
  lang: Language;
  color?: boolean;
  probeTimeout: number;
  /** Read browser history (visits per catalog origin): --include-browser-history. */
  includeBrowserHistory?: boolean;
  /** The machine's host name and machine id as stable pseudonyms in the report: --redact. */
  redact?: boolean;
}

/** `--target-class`: one of the classes; anything else is a one-line usage error naming them. */
const targetClassArgument = (value: string): TargetClass => {
  const known = targetClasses.find((c) => c === value);
  if (known === undefined) throw new UsageError(`--target-class expects one of ${targetClasses.join(', ')}, got '${value}'`);
  return known;
};

/** The largest time limits: beyond them a run would wait for hours (and past 2^31 ms Node's timers fire at once). */
export const limits = { probeTimeoutMs: 3_600_000, hostTimeoutMs: 86_400_000, connectTimeoutSec: 3_600 } as const;

/** A whole number from 1 to `max` for `flag`; anything else is one usage line naming the flag. */
const bounded =
  (flag: string, max: number) =>
  (value: string): number => {
    const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new UsageError(`${flag} expects a whole number from 1 to ${String(max)}, got '${value}'`);
    return n;
  };

/** `--policy-sha256`: 64 hex digits, any case. Here, not beside the policy loader: importing that would load it for every command. */
const sha256Argument = (value: string): string => {
  if (!/^[0-9a-fA-F]{64}$/.test(value)) throw new UsageError(`--policy-sha256 expects 64 hexadecimal digits, got '${value}'`);
  return value.toLowerCase();
};

const positiveCount = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`expected a positive whole number, got '${value}'`);
  return n;
};

const reportError = (error: unknown, io: Io): number => {
  if (error instanceof CommanderError) {
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0
      ? exitCodes.ok
      : exitCodes.unusable;
  }
  if (error instanceof PolicyError) {
    for (const p of error.problems) {
      const shown = relative(io.cwd, p.file);
      const file = shown === '' ? '.' : shown.startsWith('..') || isAbsolute(shown) ? p.file : shown;
      // Problems quote the input (file names, patterns, values): escaped for the terminal.
      io.stderr.write(`${terminalSafeLines(formatProblem({ ...p, file }))}\n`);
    }
    io.stderr.write(`charter: ${String(error.problems.length)} problem${error.problems.length === 1 ? '' : 's'} found\n`);
    return exitCodes.unusable;
  }
  if (error instanceof UsageError || error instanceof TargetError || error instanceof OutputError) {
    io.stderr.write(`charter: ${terminalSafeLines(error.message)}\n`);
    return exitCodes.unusable;
  }
  // A file operation the environment refused (permissions, a full disk, a missing directory) is not
  // a bug: one line naming the path and the cause, no stack.
  if (fsErrorCode(error) !== undefined && error instanceof Error && 'syscall' in error) {
    const path = 'path' in error && typeof error.path === 'string' ? `${terminalSafe(error.path)}: ` : '';
    io.stderr.write(`charter: ${path}${fsErrorReason(error)}\n`);
    return exitCodes.unusable;
  }
  io.stderr.write(`charter: internal error: ${terminalSafeLines(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
  return exitCodes.unusable;
};
