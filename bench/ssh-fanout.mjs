#!/usr/bin/env node
// What the auditor's side of an ssh fan-out costs (issue 19, item 5). Starts a throwaway sshd on
// 127.0.0.1 (fresh host and client keys in a temporary directory, as src/testing/sshd.ts does),
// writes an inventory of N hosts (distinct names, one address and port: N separate ssh connections,
// counted from sshd's log) and one of 1 host, runs the built CLI as whole processes, each a few
// times after a warm-up, and prints medians.
//
// Auditor-side CPU, exactly what is counted: the charter process is started with a preload
// (`node --import`) that, when it exits, reads /proc/self/stat: utime+stime is charter itself (main
// thread and worker threads), cutime+cstime its waited-for children, which in an ssh audit are the
// ssh clients it starts (one per host; charter runs no other program for ssh targets, and it waits
// for every client it started before it exits). sshd is started by this script, not by charter, so
// nothing of the remote side is in those figures. Where /sys/fs/cgroup/cpuacct is writable (root),
// a cgroup around the charter process counts the same thing a second way (everything it and its
// descendants ran), as a cross-check.
//
// Remote side, reported apart: a cgroup around sshd (sshd, its per-connection processes, the login
// shell, the agent, the commands it runs), or without cgroups utime+stime+cutime+cstime of the sshd
// master from /proc (its sessions are its reaped descendants).
//
// Per host: the difference between N hosts and 1 host divided by N-1 (the marginal cost; what is
// paid once per audit, node's start, loading the policy, writing the report, stays out), and the
// fixed part is printed apart. The goal is at most 0.15 s of auditor CPU per host.
//
// Split of the auditor's CPU per host: charter's main thread (read from /proc/self/task/<pid>/stat
// at exit) and its other threads (V8's and libuv's helpers, worker threads: the rest of utime+stime);
// the ssh client's connection (key exchange, authentication, one session: what a bare `ssh HOST
// true` costs the client, read by GNU time) and the rest of the client's CPU (the session's bytes:
// cipher, MAC, the pipe to charter).
//
// Two key exchanges are measured, one after the other: ssh's default (charter's default, which
// prefers mlkem768x25519-sha256 where the client has it: OpenSSH 9.9) and the documented option
// `--ssh-kex ALG` (default curve25519-sha256: not post-quantum, see README).
//
// Every "host" runs on the machine that runs the audit, so wall times are bound by the CPU both
// sides need, and no network latency is measured. Switches:
//   --kex ALGORITHMS  what the option run passes to `--ssh-kex` (default curve25519-sha256);
//   --only default|option  measure one of the two;
//   --no-shell-rc     the test sshd sets SHLVL=1 in sessions, so that bash, the login shell that runs
//                     the remote `sh -s`, does not read ~/.bashrc (bash reads it for commands run by
//                     sshd when SHLVL < 2; this VM's root ~/.bashrc runs pyenv init, about 100 ms).
// And `--cpu-prof DIR` runs charter under `node --cpu-prof` (profiles in DIR; CPU figures then
// include the profiler's own cost).
// Results go to bench/results/ssh-fanout.json, or ssh-fanout-<switches>.json with switches.
//
// Usage: npm run bench:ssh [-- --runs 3] [--hosts 20] [--concurrency 8] [--kex ALGS] [--only default|option] [--no-shell-rc] [--cpu-prof DIR]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const runs = option('--runs', 3);
const hostCount = option('--hosts', 20);
const concurrency = option('--concurrency', 8);
const kexAt = process.argv.indexOf('--kex');
const kex = kexAt > 0 ? process.argv[kexAt + 1] : 'curve25519-sha256';
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? process.argv[onlyAt + 1] : undefined;
if (only !== undefined && only !== 'default' && only !== 'option') {
  console.error(`bench: --only takes default or option, not ${JSON.stringify(only)}`);
  process.exit(2);
}
const noShellRc = process.argv.includes('--no-shell-rc');
const profAt = process.argv.indexOf('--cpu-prof');
const cpuProfDir = profAt > 0 ? process.argv[profAt + 1] : undefined;
if (!/^[\w@.,-]+$/.test(kex)) {
  console.error(`bench: --kex takes a comma-separated list of algorithm names, not ${JSON.stringify(kex)}`);
  process.exit(2);
}
const variant = [only === undefined ? [] : [only], noShellRc ? ['no-shell-rc'] : []].flat().join('-');
const sshd = '/usr/sbin/sshd';

if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('bench: dist/ is missing; run `npm run build` first');
  process.exit(2);
}
if (!existsSync(sshd)) {
  console.error('bench: /usr/sbin/sshd is missing (apt-get install openssh-server)');
  process.exit(2);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const waitForPort = async (port) => {
  for (let i = 0; i < 200; i += 1) {
    const up = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (up) return;
    await sleep(50);
  }
  throw new Error(`sshd did not listen on ${port}`);
};

// CPU accounting: cgroup v1 cpuacct groups where possible (see the top).
const cpuacctRoot = '/sys/fs/cgroup/cpuacct';
const makeGroup = (name) => {
  const dir = join(cpuacctRoot, `charter-bench-${process.pid}-${name}`);
  try {
    mkdirSync(dir);
    return dir;
  } catch {
    return undefined;
  }
};
const groupSeconds = (dir) => Number(readFileSync(join(dir, 'cpuacct.usage'), 'utf8')) / 1e9;
const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
/** utime+stime+cutime+cstime of a process, in seconds (the sshd master, without cgroups). */
const procSeconds = (pid) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / ticks;
};

const work = mkdtempSync(join(tmpdir(), 'charter-bench-ssh-'));
const auditGroup = makeGroup('audit');
const sshdGroup = makeGroup('sshd');
let server;
const cleanup = () => {
  if (server && server.exitCode === null) server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
};

try {
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  for (const key of ['host_key', 'client_key']) {
    const made = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `charter-bench-${key}`, '-f', join(work, key)]);
    if (made.status !== 0) throw new Error(`ssh-keygen failed: ${made.stderr}`);
  }
  writeFileSync(join(work, 'authorized_keys'), readFileSync(join(work, 'client_key.pub')));
  const port = await freePort();
  writeFileSync(
    join(work, 'sshd_config'),
    [
      'ListenAddress 127.0.0.1',
      `Port ${port}`,
      `HostKey ${join(work, 'host_key')}`,
      `AuthorizedKeysFile ${join(work, 'authorized_keys')}`,
      `PidFile ${join(work, 'sshd.pid')}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'MaxSessions 100',
      'MaxStartups 100',
      // INFO: one "Accepted publickey" line per connection, counted below.
      'LogLevel INFO',
      ...(noShellRc ? ['SetEnv SHLVL=1'] : []),
      '',
    ].join('\n'),
  );
  // ssh's own defaults: no user configuration (it would change what is measured).
  const sshConfig = '/dev/null';
  const hostKey = readFileSync(join(work, 'host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
  writeFileSync(join(work, 'known_hosts'), `[127.0.0.1]:${port} ${hostKey}\n`);

  let accepted = 0;
  server = spawn(sshd, ['-D', '-e', '-f', join(work, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (sshdGroup) writeFileSync(join(sshdGroup, 'cgroup.procs'), String(server.pid));
  server.stderr.setEncoding('utf8');
  server.stderr.on('data', (text) => {
    accepted += (text.match(/Accepted publickey/g) ?? []).length;
  });
  await waitForPort(port);

  const user = userInfo().username;
  const inventory = (count) => {
    const file = join(work, `inventory-${count}.ini`);
    const lines = ['[bench]'];
    for (let i = 1; i <= count; i += 1) lines.push(`h${String(i).padStart(2, '0')} ansible_host=127.0.0.1 ansible_port=${port} ansible_user=${user}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };

  // Reads the charter process's own CPU and its waited-for children's as it exits (see the top).
  const preload = join(work, 'cpu-at-exit.mjs');
  writeFileSync(
    preload,
    [
      "import { readFileSync, writeFileSync } from 'node:fs';",
      "process.on('exit', () => {",
      "  const stat = readFileSync('/proc/self/stat', 'utf8');",
      "  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);",
      "  const main = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');",
      "  const m = main.slice(main.lastIndexOf(')') + 2).split(' ').map(Number);",
      '  writeFileSync(process.env.CHARTER_BENCH_CPU, JSON.stringify({ utime: f[11], stime: f[12], cutime: f[13], cstime: f[14], mainUtime: m[11], mainStime: m[12] }));',
      '});',
      '',
    ].join('\n'),
  );
  const cpuFile = join(work, 'cpu.json');
  const charter = [
    process.execPath,
    '--import',
    pathToFileURL(preload).href,
    ...(cpuProfDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', cpuProfDir]),
    join(root, 'bin', 'charter.js'),
  ];
  const once = async (file, count, option) => {
    const out = join(work, 'fleet.json');
    rmSync(cpuFile, { force: true });
    const argv = [
      ...charter,
      'audit',
      '--inventory',
      file,
      '--concurrency',
      String(concurrency),
      '--identity',
      join(work, 'client_key'),
      '--known-hosts',
      join(work, 'known_hosts'),
      '--ssh-config',
      sshConfig,
      ...(option ? ['--ssh-kex', kex] : []),
      '--format',
      'json',
      '--output',
      out,
    ];
    // In the cgroup from its first instruction: sh writes its own pid, then execs the audit.
    const command = auditGroup ? ['sh', '-c', 'echo $$ > "$1"; shift; exec "$@"', 'sh', join(auditGroup, 'cgroup.procs'), ...argv] : argv;
    const auditBefore = auditGroup ? groupSeconds(auditGroup) : 0;
    const sshdBefore = sshdGroup ? groupSeconds(sshdGroup) : procSeconds(server.pid);
    const acceptedBefore = accepted;
    const started = process.hrtime.bigint();
    const result = await new Promise((resolve) => {
      const child = spawn(command[0], command.slice(1), {
        cwd: work,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, NO_COLOR: '1', CHARTER_BENCH_CPU: cpuFile },
      });
      let stderr = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (text) => (stderr += text));
      child.on('close', (status) => resolve({ status, stderr }));
    });
    const wallS = Number(process.hrtime.bigint() - started) / 1e9;
    // Let the server's session processes end and be reaped (their CPU lands in the master then).
    await sleep(500);
    if (!existsSync(cpuFile)) throw new Error(`charter ended without its CPU figures (exit ${result.status}): ${result.stderr.slice(0, 2000)}`);
    const cpu = JSON.parse(readFileSync(cpuFile, 'utf8'));
    const charterS = (cpu.utime + cpu.stime) / ticks;
    const mainThreadS = (cpu.mainUtime + cpu.mainStime) / ticks;
    const sshClientsS = (cpu.cutime + cpu.cstime) / ticks;
    const cgroupS = auditGroup ? groupSeconds(auditGroup) - auditBefore : null;
    const remoteS = (sshdGroup ? groupSeconds(sshdGroup) : procSeconds(server.pid)) - sshdBefore;
    const report = JSON.parse(readFileSync(out, 'utf8'));
    // Every inventory host is the same machine here: one row, the others named as its duplicates.
    const checked = report.hosts.filter((h) => h.status === 'checked').reduce((sum, h) => sum + 1 + (h.duplicates?.length ?? 0), 0);
    if (checked !== count) throw new Error(`only ${checked} of ${count} hosts were checked: ${result.stderr.slice(0, 2000)}`);
    return {
      wallS,
      charterS,
      mainThreadS,
      otherThreadsS: charterS - mainThreadS,
      sshClientsS,
      auditorS: charterS + sshClientsS,
      cgroupS,
      remoteS,
      connections: accepted - acceptedBefore,
    };
  };

  const fields = ['wallS', 'charterS', 'mainThreadS', 'otherThreadsS', 'sshClientsS', 'auditorS', 'cgroupS', 'remoteS', 'connections'];
  const measure = async (count, option) => {
    const file = inventory(count);
    await once(file, count, option); // warm-up: file cache, not counted
    const samples = [];
    for (let i = 0; i < runs; i += 1) samples.push(await once(file, count, option));
    const row = { hosts: count, runs };
    for (const field of fields) row[field] = samples[0][field] === null ? null : median(samples.map((s) => s[field]));
    row.samples = samples;
    console.log(
      `${String(count).padStart(3)} host(s): wall ${row.wallS.toFixed(2)} s (min ${Math.min(...samples.map((s) => s.wallS)).toFixed(2)}, max ${Math.max(...samples.map((s) => s.wallS)).toFixed(2)})` +
        `  auditor CPU ${row.auditorS.toFixed(2)} s (charter ${row.charterS.toFixed(2)} + ssh clients ${row.sshClientsS.toFixed(2)}` +
        `${row.cgroupS === null ? '' : `; cgroup ${row.cgroupS.toFixed(2)}`})  remote ${row.remoteS.toFixed(2)} s  ssh connections ${row.connections}`,
    );
    return row;
  };

  console.log(
    `charter ssh fan-out bench: sshd on 127.0.0.1:${port}, ${runs} runs each after one warm-up, --concurrency ${concurrency}, ${spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()} cores`,
  );
  console.log(
    `environment: ${spawnSync('ssh', ['-V'], { encoding: 'utf8' }).stderr.trim()}; remote login shell ${noShellRc ? 'without ~/.bashrc (SHLVL=1)' : 'as configured'}`,
  );
  console.log(
    `auditor CPU: /proc/self/stat of the charter process as it exits (utime+stime: charter; cutime+cstime: its ssh clients)${auditGroup ? ', and a cpuacct cgroup around it' : ''}; remote: ${sshdGroup ? 'a cpuacct cgroup around sshd' : '/proc of the sshd master'}\n`,
  );
  // The floor of any ssh fan-out here: the same connections running `true` (key exchange, login
  // shell), `concurrency` at a time, with the ssh options charter uses. Their client CPU is read by
  // GNU time when it is there (the client is its only child).
  const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const bareSsh = async (count, option) => {
    const argv = [
      'ssh',
      '-F',
      sshConfig,
      ...(option ? ['-o', `KexAlgorithms=${kex}`] : []),
      '-o',
      'BatchMode=yes',
      '-o',
      'ControlPath=none',
      '-o',
      'LogLevel=ERROR',
      '-T',
      '-i',
      join(work, 'client_key'),
      '-o',
      'IdentitiesOnly=yes',
      '-o',
      `UserKnownHostsFile=${join(work, 'known_hosts')}`,
      '-p',
      String(port),
      '-l',
      user,
      '--',
      '127.0.0.1',
      'true',
    ];
    const command = gnuTime ? [gnuTime, '-f', '%U %S', ...argv] : argv;
    const one = () =>
      new Promise((resolve, reject) => {
        const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (text) => (stderr += text));
        child.on('close', (status) => {
          if (status !== 0) reject(new Error(`ssh true exited ${status}: ${stderr}`));
          else
            resolve(
              gnuTime
                ? stderr
                    .trim()
                    .split('\n')
                    .at(-1)
                    .split(' ')
                    .map(Number)
                    .reduce((a, b) => a + b, 0)
                : NaN,
            );
        });
      });
    const walls = [];
    const clientCpu = [];
    for (let run = 0; run <= runs; run += 1) {
      const started = process.hrtime.bigint();
      let next = 0;
      let cpu = 0;
      await Promise.all(
        Array.from({ length: Math.min(concurrency, count) }, async () => {
          while (next < count) {
            next += 1;
            // Not `cpu += await one()`: that reads `cpu` before the wait, and the workers overlap.
            const spent = await one();
            cpu += spent;
          }
        }),
      );
      if (run > 0) {
        walls.push(Number(process.hrtime.bigint() - started) / 1e9);
        clientCpu.push(cpu / count);
      }
    }
    return { wallS: median(walls), clientCpuPerConnectionS: median(clientCpu) };
  };

  const goalS = 0.15;
  const results = {};
  for (const [name, option] of [
    ['default', false],
    ['option', true],
  ]) {
    if (only !== undefined && only !== name) continue;
    console.log(`\n${name === 'default' ? "ssh's default key exchange (charter's default)" : `--ssh-kex ${kex}`}:`);
    const one = await measure(1, option);
    const many = await measure(hostCount, option);
    const bare = { one: await bareSsh(1, option), many: await bareSsh(hostCount, option) };
    const perHost = (field) => (many[field] - one[field]) / (hostCount - 1);
    const marginal = {
      charterS: perHost('charterS'),
      mainThreadS: perHost('mainThreadS'),
      otherThreadsS: perHost('otherThreadsS'),
      sshClientsS: perHost('sshClientsS'),
      sshConnectionS: bare.many.clientCpuPerConnectionS,
      sshSessionS: perHost('sshClientsS') - bare.many.clientCpuPerConnectionS,
      auditorS: perHost('auditorS'),
      remoteS: perHost('remoteS'),
    };
    const fixedS = one.auditorS - marginal.auditorS;
    const meets = marginal.auditorS <= goalS;
    const s3 = (value) => (Number.isNaN(value) ? '? (no /usr/bin/time)' : value.toFixed(3));
    console.log(
      `auditor CPU per host (${hostCount} hosts minus 1, over ${hostCount - 1}): ${marginal.auditorS.toFixed(3)} s (goal <= ${goalS} s: ${meets ? 'met' : 'NOT met'})`,
    );
    console.log(
      `  charter    ${marginal.charterS.toFixed(3)} s = main thread ${marginal.mainThreadS.toFixed(3)} + other threads ${marginal.otherThreadsS.toFixed(3)}`,
    );
    console.log(
      `  ssh client ${marginal.sshClientsS.toFixed(3)} s = connection (key exchange, authentication; a bare \`ssh HOST true\`) ${s3(marginal.sshConnectionS)} + the session's bytes ${s3(marginal.sshSessionS)}`,
    );
    console.log(`  paid once per audit: ${fixedS.toFixed(2)} s; average over ${hostCount} hosts: ${(many.auditorS / hostCount).toFixed(3)} s per host`);
    console.log(`remote side per host, apart (sshd, login shell, agent, commands): ${marginal.remoteS.toFixed(3)} s`);
    console.log(
      `wall: ${hostCount} hosts ${many.wallS.toFixed(2)} s, 1 host ${one.wallS.toFixed(2)} s; bare ssh: ${hostCount} connections ${bare.many.wallS.toFixed(2)} s, 1 connection ${bare.one.wallS.toFixed(2)} s` +
        ` (both sides share this machine's cores: no network latency is measured here)`,
    );
    results[name] = { sshKex: option ? kex : null, one, many, perHost: marginal, fixedS, goalS, meets, bareSsh: bare };
  }
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  const file = join(root, 'bench', 'results', variant === '' ? 'ssh-fanout.json' : `ssh-fanout-${variant}.json`);
  const environment = {
    ssh: spawnSync('ssh', ['-V'], { encoding: 'utf8' }).stderr.trim(),
    shellRc: !noShellRc,
    cores: Number(spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()),
  };
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, concurrency, environment, ...results }, null, 2)}\n`);
  console.log(`wrote ${file}`);
} finally {
  cleanup();
  await sleep(200);
  for (const group of [auditGroup, sshdGroup]) {
    if (group === undefined) continue;
    // Move anything left (a lingering ssh master) back to the root group, then remove ours.
    try {
      for (const pid of readFileSync(join(group, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)) writeFileSync(join(cpuacctRoot, 'cgroup.procs'), pid);
      rmdirSync(group);
    } catch (error) {
      console.error(`bench: could not remove ${group}: ${error.message}`);
    }
  }
}
