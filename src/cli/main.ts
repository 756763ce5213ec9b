import { Command, CommanderError, Option } from 'commander';
import { isAbsolute, relative, resolve } from 'node:path';
import { OutputError, PolicyError, TargetError, UsageError, exitCodes, fsErrorCode, fsErrorReason, formatProblem } from '../errors.js';
import type { Language, TargetClass } from '../model.js';
import { languages, severities, targetClasses } from '../model.js';
import type { Io } from './io.js';
import { languageFromEnv } from './language.js';
import { addUsageHelp } from './help-examples.js';
import type { OutputRequest } from './output-requests.js';
import { packageInfo } from '../package-info.js';
import type { FormatChoice } from '../reporters/reporter.js';
import type { AuditFlags } from './audit-command.js';
import { terminalSafe, terminalSafeLines } from '../reporters/escape.js';
import { didYouMean, didYouMeanSuffix } from '../did-you-mean.js';
import type { ExplainFlags } from './explain-command.js';
import type { PolicyFlags } from './load-policy.js';
import type { SshFlags } from './ssh-flags.js';
import type { WaiversLintFlags } from './waivers-command.js';

/** The commands of `charter`, in the order `charter --help` lists them. */
export const commandNames = ['check', 'rules', 'policy', 'explain', 'waivers', 'record', 'collect', 'audit'] as const;
export type CommandName = (typeof commandNames)[number];

/**
 * The commands to define for `argv`: the one its first word names (only that one can run, and its
 * help, errors and suggestions are its own), or every one (`--help`, `help X`, an unknown command
 * and its "did you mean" need them all). Defining one command costs a fraction of defining all.
 */
export const commandsFor = (argv: readonly string[]): readonly CommandName[] => {
  const named = commandNames.find((name) => name === argv[0]);
  return named === undefined ? commandNames : [named];
};

/** Parse argv, run one command, and return the exit code. Never calls process.exit. */
export const run = (argv: readonly string[], io: Io): Promise<number> => runCommands(argv, io, commandsFor(argv));

/** `run` with these commands defined (a test defines them all, to compare). */
export const runCommands = async (argv: readonly string[], io: Io, defined: readonly CommandName[]): Promise<number> => {
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
    new Option('--lang <language>', 'language of the report').choices(languages).argParser(languageArgument).default(languageFromEnv(io.env));
  const policyOption = (): Option => new Option('--policy <file>', 'policy file (default: the shipped charter)');
  const targetClassOption = (): Option =>
    new Option('--target-class <class>', `judge the target as ${targetClasses.join(', ')} (default: told from its content)`).argParser(targetClassArgument);
  const governanceOptions = (command: Command): Command =>
    command
      .addOption(
        new Option(
          '--policy-sha256 <hash>',
          'refuse to run unless the policy (with its catalogs and what it extends) has this sha256 (all 64 hex digits, or the first 12 or more, as reports show it)',
        ).argParser(sha256Argument),
      )
      .option('--waivers <file>', 'waivers file (YAML): failing rules it covers, while valid, report `waived`')
      .option('--attestations <file>', 'attestations file (YAML): manual rules it attests, while valid, report `pass`');

  /** How ssh targets are reached: the same five flags wherever a command can reach one. */
  const sshOptions = (command: Command, what: string): Command =>
    command
      .option('--ssh-config <file>', `ssh_config file for ${what} (default: ssh's own, ~/.ssh/config)`)
      .option('--identity <file>', `private key for ${what} (ssh -i)`)
      .option('--known-hosts <file>', `known_hosts file for ${what} (host keys are always checked)`)
      .addOption(
        new Option('--connect-timeout <s>', `seconds to wait for each ssh connection (at most ${String(limits.connectTimeoutSec)}; default 10)`).argParser(
          bounded('--connect-timeout', limits.connectTimeoutSec),
        ),
      )
      .option(
        '--ssh-kex <algorithms>',
        `ssh key exchange for ${what}, e.g. curve25519-sha256 (cheaper, not post-quantum: see README; default ssh's own, preferring mlkem768x25519-sha256 where the client has it)`,
      );

  /**
   * Output paths are checked before the command's own code is even loaded: a report that cannot be
   * written is said in one line at once, not after the work (the commands check again, cheaply).
   */
  const outputsFirst = async (files: readonly (string | undefined)[]): Promise<void> => {
    if (files.every((f) => f === undefined)) return;
    const { checkOutputPath } = await import('./write-output.js');
    for (const file of files) if (file !== undefined) await checkOutputPath(resolve(io.cwd, file));
  };

  /** What the commands taking --target say of it: loaded by those commands only. */
  const targetText = async (): Promise<{ allTargets: string; help: string }> => {
    const { targetHelp, targetKinds, targetSyntaxOf } = await import('../hosts/kinds.js');
    const kinds = Object.values(targetKinds);
    return { allTargets: kinds.map(targetSyntaxOf).join(', '), help: targetHelp(kinds) };
  };
  let targetHelpText: string | undefined;
  const targets = async (): Promise<string> => {
    const text = await targetText();
    targetHelpText = text.help;
    return text.allTargets;
  };

  // Policy listing formats are known once their reporters are loaded, which only `rules` and `explain` need.
  const rulesFormat = new Option('--format <format>', 'output format').default('text');
  const explainFormat = new Option('--format <format>', 'output format').default('text');
  // Fleet formats are known once the fleet reporters are loaded, which only `audit` needs.
  const fleetFormatChoices: FormatChoice[] = [];
  const fleetFormat = new Option('--format <format>', 'fleet report format (repeatable, default text)');

  /** Each command's definition, added to `program` when `defined` names it. */
  const define: Record<CommandName, () => Promise<void> | void> = {
    check: async () => {
      const [allTargets, { reportFormats }, { OutputRequests }] = await Promise.all([
        targets(),
        import('../reporters/choices.js'),
        import('./output-requests.js'),
      ]);
      const formatNames = Object.keys(reportFormats);
      const outputs = new OutputRequests(Object.values(reportFormats), io.cwd);
      const checkSpec = program.command('check').description('check a target against the policy and report each rule').addOption(policyOption());
      governanceOptions(checkSpec)
        .option('--target <target>', `what to check: ${allTargets} (listed below)`, 'local')
        .addOption(targetClassOption())
        .addOption(new Option('--format <format>', `output format: ${formatNames.join(', ')} (repeatable, default text)`).argParser(outputs.addFormat))
        .addOption(
          new Option('--output <file>', 'write the report of the --format before it to this file, whole or not at all (repeatable)').argParser(
            outputs.addOutput,
          ),
        )
        .addOption(
          new Option('--fail-on <severity>', 'lowest severity that fails the run').choices(severities).argParser(oneOf('--fail-on', severities)).default('low'),
        )
        .addOption(lang())
        // --color before --no-color, so that neither given leaves `color` undefined (auto).
        .option('--color', 'colour the output even when it is not a terminal')
        .option('--no-color', 'never colour the output')
        .option(
          '--include-browser-history',
          'read browser history: visits per origin listed in the app catalog (never titles or paths); intrusive, off by default',
        )
        .option('--redact', "show the machine's host name and machine id as stable pseudonyms in the report")
        .option('--verbose', 'show the raw evidence of each failure (fact, observed, expected) beside its plain sentence; JSON always has it')
        .addOption(
          new Option('--probe-timeout <ms>', `time limit for each probe (at most ${String(limits.probeTimeoutMs)})`)
            .argParser(bounded('--probe-timeout', limits.probeTimeoutMs))
            .default(30_000),
        );
      sshOptions(checkSpec, 'an ssh: target')
        .addHelpText('after', '\nExit codes: 0 nothing at or above --fail-on failed or errored; 1 something did; 2 the run could not happen.')
        .action(async (options: Omit<CheckFlags, 'outputs'>) => {
          const requests = outputs.resolve();
          await outputsFirst(requests.map((r) => r.file));
          const { checkCommand } = await import('./check-command.js');
          exitCode = await checkCommand({ ...options, outputs: requests }, io);
        });
    },

    rules: () => {
      program
        .command('rules')
        .description('list the rules of the policy (id, severity, title)')
        .addOption(policyOption())
        .addOption(rulesFormat)
        .addOption(lang())
        .action(async (options: { policy?: string; format: string; lang: Language }) => {
          const { rulesCommand } = await import('./rules-command.js');
          exitCode = await rulesCommand(options, io);
        });
    },

    policy: () => {
      const policy = program.command('policy').description('work with policy files');
      policy
        .command('validate')
        .description('report every problem of a policy file as FILE:LINE:COL: message')
        .argument('<file>', 'policy file')
        .action(async (file: string) => {
          const { validateCommand } = await import('./policy-command.js');
          exitCode = await validateCommand(file, io);
        });
    },

    explain: () => {
      program
        .command('explain')
        .description('say what a rule checks, on which platforms and targets, its sources and its remediation')
        .argument('<rule>', 'rule id, e.g. LCK-01')
        .addOption(policyOption())
        .addOption(explainFormat)
        .addOption(lang())
        .action(async (rule: string, options: Omit<ExplainFlags, 'policySha256'>) => {
          const { explainCommand } = await import('./explain-command.js');
          exitCode = await explainCommand(rule, options, io);
        });
    },

    waivers: () => {
      const waivers = program.command('waivers').description('work with waiver files');
      waivers
        .command('lint')
        .description('check a waivers file against the policy and list the waivers that expired or end soon')
        .argument('<file>', 'waivers file (YAML)')
        .addOption(policyOption())
        .addOption(new Option('--within <days>', 'report waivers ending within this many days').argParser(positiveCount).default(30))
        .addOption(
          new Option('--format <format>', 'output format')
            .choices(['text', 'json'])
            .argParser(oneOf('--format', ['text', 'json'] as const))
            .default('text'),
        )
        .addHelpText('after', '\nExit codes: 0 no waiver expired or ends within --within days; 1 some did; 2 the file or the policy cannot be used.')
        .action(async (file: string, options: Omit<WaiversLintFlags, 'policySha256'>) => {
          const { waiversLintCommand } = await import('./waivers-command.js');
          exitCode = await waiversLintCommand(file, options, io);
        });
    },

    record: async () => {
      const allTargets = await targets();
      const recordSpec = program
        .command('record')
        .description('record a target into a replay directory (user and host names redacted) for tests')
        .requiredOption('--output <dir>', 'replay directory to create')
        .option('--target <target>', `what to record: ${allTargets} (listed below)`, 'local')
        .option('--force', 'replace an existing directory')
        .addOption(lang());
      sshOptions(recordSpec, 'an ssh: target').action(async (options: { output: string; target: string; force?: boolean; lang: Language } & SshFlags) => {
        const { recordCommand } = await import('./record-command.js');
        exitCode = await recordCommand(options, io);
      });
    },

    collect: async () => {
      const [allTargets, { groupProblem }] = await Promise.all([targets(), import('../fleet/groups.js')]);
      /** `collect --group`: a group name or path (see fleet/groups.ts). */
      const groupName = (value: string): string => {
        const problem = groupProblem(value);
        if (problem !== undefined) throw new UsageError(`--group: ${problem}, got '${terminalSafe(value)}'`);
        return value;
      };
      const collectSpec = program
        .command('collect')
        .description('run every probe on a target and write the facts to a snapshot file, for `check --target snapshot:FILE` or `audit`')
        .requiredOption('--output <file>', 'snapshot file to write, whole or not at all')
        .option('--target <target>', `what to collect from: ${allTargets} (listed below)`, 'local')
        .addOption(targetClassOption())
        .option('--redact', 'replace the host name, machine id and user names by stable pseudonyms')
        .option(
          '--include-browser-history',
          'read browser history: visits per origin listed in the app catalog (never titles or paths); intrusive, off by default',
        )
        .addOption(
          new Option(
            '--group <name>',
            'the group (ministry, department) the machine belongs to, written into the snapshot; `/` nests groups (MinFin/Treasury)',
          ).argParser(groupName),
        )
        .addOption(lang());
      sshOptions(collectSpec, 'an ssh: target')
        .addHelpText(
          'after',
          '\nExit codes: 0 the snapshot was written, every probe saw everything; 3 it was written, but some probes could not see everything (named on stderr and in its "incomplete" list); 2 it could not be written (bad usage, unusable target).',
        )
        .action(
          async (
            options: {
              output: string;
              target: string;
              targetClass?: TargetClass;
              redact?: boolean;
              lang: Language;
              includeBrowserHistory?: boolean;
              group?: string;
            } & SshFlags,
          ) => {
            await outputsFirst([options.output]);
            const { collectCommand } = await import('./collect-command.js');
            exitCode = await collectCommand(options, io);
          },
        );
    },

    audit: async () => {
      const { OutputRequests } = await import('./output-requests.js');
      const fleetOutputs = new OutputRequests(fleetFormatChoices, io.cwd);
      fleetFormat.argParser(fleetOutputs.addFormat);
      const auditCommandSpec: Command = program
        .command('audit')
        .description('check many hosts (snapshot files, or directories of them) and write a fleet report')
        .argument('[snapshots...]', 'snapshot files written by `charter collect`, or directories of them (every *.json inside; a subfolder is a group)')
        .option(
          '--inventory <file>',
          "hosts to audit over ssh: one [user@]host[:port] per line, or an Ansible INI/YAML inventory (its groups are the report's groups)",
        )
        .option(
          '--baseline <file>',
          'the JSON report of an earlier audit (--format json): say per host and rule what newly fails, was fixed, still fails, and which hosts are new or missing',
        )
        .addOption(policyOption())
        .addOption(targetClassOption());
      sshOptions(governanceOptions(auditCommandSpec), 'the inventory hosts')
        .addOption(fleetFormat)
        .addOption(
          new Option('--output <file>', 'write the report of the --format before it to this file, whole or not at all (repeatable)').argParser(
            fleetOutputs.addOutput,
          ),
        )
        .option(
          '--include-browser-history',
          'read browser history on hosts checked over ssh (--inventory): visits per origin listed in the app catalog (never titles or paths); intrusive, off by default',
        )
        .addOption(new Option('--concurrency <n>', 'hosts checked at the same time').argParser(positiveCount).default(8))
        .addOption(
          new Option('--host-timeout <ms>', `time limit for each host (at most ${String(limits.hostTimeoutMs)})`)
            .argParser(bounded('--host-timeout', limits.hostTimeoutMs))
            .default(120_000),
        )
        .addOption(
          new Option('--fail-on <severity>', 'lowest severity that makes a host non-compliant')
            .choices(severities)
            .argParser(oneOf('--fail-on', severities))
            .default('low'),
        )
        .addOption(lang())
        .option('--color', 'colour the output even when it is not a terminal')
        .option('--no-color', 'never colour the output')
        .addHelpText(
          'after',
          '\nExit codes: 0 every host checked and compliant; 1 some host not compliant, or some host could not be checked (the audit is incomplete); 2 the run could not happen.',
        )
        .action(async (sources: string[], options: Omit<AuditFlags, 'outputs' | 'sources'>) => {
          const requests = fleetOutputs.resolve();
          await outputsFirst(requests.map((r) => r.file));
          const { auditCommand } = await import('./audit-command.js');
          exitCode = await auditCommand({ ...options, sources, outputs: requests }, io);
        });
    },
  };
  program.hook('preSubcommand', async (_program, subcommand) => {
    const name = subcommand.name();
    if (name === 'rules' || name === 'explain') {
      // Each command's own registry, from the command's module (loaded to run it anyway, and in
      // one chunk with its reporters): `rules` loads neither explain nor the operators.
      const names = Object.keys(
        name === 'rules' ? (await import('./rules-command.js')).rulesReporters : (await import('./explain-command.js')).explainReporters,
      );
      (name === 'rules' ? rulesFormat : explainFormat).choices(names).argParser(oneOf('--format', names));
      return;
    }
    if (name !== 'audit') return;
    const { fleetReporters } = await import('../reporters/audit/index.js');
    fleetFormatChoices.push(...Object.values(fleetReporters));
    fleetFormat.description = `fleet report format: ${Object.keys(fleetReporters).join(', ') || '(none available)'} (repeatable, default text)`;
  });

  try {
    // In the order of `commandNames`, whatever the order of `defined`: `--help` lists them so.
    for (const name of commandNames) if (defined.includes(name)) await define[name]();
    addUsageHelp(program, targetHelpText);
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io);
  }
};

export interface CheckFlags extends PolicyFlags, SshFlags {
  target: string;
  targetClass?: TargetClass;
  outputs: OutputRequest[];
  failOn: (typeof severities)[number];
  lang: Language;
  color?: boolean;
  probeTimeout: number;
  /** Read browser history (visits per catalog origin): --include-browser-history. */
  includeBrowserHistory?: boolean;
  /** Raw evidence beside the plain sentences in text and HTML: --verbose. */
  verbose?: boolean;
  /** The machine's host name and machine id as stable pseudonyms in the report: --redact. */
  redact?: boolean;
}

/**
 * A flag that takes one of a few words: anything else is one usage line naming them, and the
 * closest when one is close ("did you mean"). Commander's own check would not suggest.
 */
const oneOf =
  <T extends string>(flag: string, choices: readonly T[]) =>
  (value: string): T => {
    const known = choices.find((c) => c === value);
    if (known === undefined) throw new UsageError(`${flag} expects one of ${choices.join(', ')}, got '${value}'${didYouMeanSuffix(value, choices)}`);
    return known;
  };

/** `--target-class`: one of the classes. */
const targetClassArgument = oneOf('--target-class', targetClasses);

/** Names people type for a language, in English and in the language itself: suggested, not guessed. */
const languageNames: Readonly<Record<string, string>> = {
  english: 'en',
  anglais: 'en',
  englisch: 'en',
  engleschen: 'en',
  french: 'fr',
  francais: 'fr',
  français: 'fr',
  franzosisch: 'fr',
  französisch: 'fr',
  franséisch: 'fr',
  german: 'de',
  deutsch: 'de',
  allemand: 'de',
  däitsch: 'de',
  luxembourgish: 'lb',
  luxembourgeois: 'lb',
  luxemburgisch: 'lb',
  lëtzebuergesch: 'lb',
  letzebuergesch: 'lb',
  lux: 'lb',
  lu: 'lb',
};

/**
 * `--lang`: a supported code, also written with a region as locales are (`fr-LU`, `de_LU.UTF-8`);
 * otherwise one usage line, suggesting the code for a language's name or a close code.
 */
const languageArgument = (value: string): Language => {
  const code =
    value
      .trim()
      .toLowerCase()
      .split(/[-_.@]/)[0] ?? '';
  const known = languages.find((l) => l === code);
  if (known !== undefined) return known;
  const named = languageNames[value.trim().toLowerCase()];
  const supported = named !== undefined && (languages as readonly string[]).includes(named) ? [named] : didYouMean(value, languages);
  throw new UsageError(
    `--lang expects one of ${languages.join(', ')}, got '${value}'${supported.length === 0 ? '' : ` (did you mean ${supported.join(' or ')}?)`}`,
  );
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

/**
 * `--policy-sha256`: the whole hash (64 hex digits) or a prefix of at least 12, as the text report
 * shows it; any case. Here, not beside the policy loader: importing that would load it for every command.
 */
const sha256Argument = (value: string): string => {
  if (!/^[0-9a-fA-F]{12,64}$/.test(value)) {
    throw new UsageError(`--policy-sha256 expects the policy's sha256, 64 hexadecimal digits or a prefix of at least 12 (as reports show it), got '${value}'`);
  }
  return value.toLowerCase();
};

const positiveCount = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`expected a positive whole number, got '${value}'`);
  return n;
};

const reportError = (error: unknown, io: Io): number => {
  if (error instanceof CommanderError) {
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? exitCodes.ok : exitCodes.unusable;
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
