#!/usr/bin/env node
// Issue 5 (ssh fan-out): `charter audit` of 20 loopback ssh targets with `--concurrency 8` should
// take less than 3x the wall time of auditing one. Starts a throwaway sshd on 127.0.0.1 (fresh host
// and client keys in a temporary directory, as src/testing/sshd.ts does), writes an inventory of 20
// hosts (distinct names, one address and port: 20 separate ssh connections, counted from sshd's
// log) and one of 1 host, runs the built CLI as whole processes N times each and prints medians of
// wall time, CPU seconds (audit side: node, ssh clients and their control masters; sshd side: the
// server and everything its sessions run) and the ratio.
//
// CPU is measured with a cgroup v1 cpuacct group per side when /sys/fs/cgroup/cpuacct is writable
// (root); otherwise the audit side is getrusage of its waited-for children (GNU time) and the sshd
// side is /proc/PID/stat of the sshd master.
//
// Every "host" runs on the machine that runs the audit, so the fan-out is bound by the CPU both sides
// need. Two switches measure how much of that is the environment rather than charter, by removing it
// (the default run changes nothing):
//   --kex ALGORITHMS  an ssh_config with `KexAlgorithms ALGORITHMS` for the audit (e.g.
//                     curve25519-sha256: OpenSSH 9.2's default sntrup761x25519 key exchange costs the
//                     client about 80 ms of CPU per connection);
//   --no-shell-rc     the test sshd sets SHLVL=1 in sessions, so that bash, the login shell that runs
//                     the remote `sh -s`, does not read ~/.bashrc (bash reads it for commands run by
//                     sshd when SHLVL < 2; this VM's root ~/.bashrc runs pyenv init, about 100 ms).
// Results go to bench/results/ssh-fanout.json, or ssh-fanout-<switches>.json with switches.
//
// Usage: npm run bench:ssh [-- --runs 3] [--hosts 20] [--concurrency 8] [--kex ALGS] [--no-shell-rc]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const runs = option('--runs', 3);
const hostCount = option('--hosts', 20);
const concurrency = option('--concurrency', 8);
const kexAt = process.argv.indexOf('--kex');
const kex = kexAt > 0 ? process.argv[kexAt + 1] : undefined;
const noShellRc = process.argv.includes('--no-shell-rc');
if (kex !== undefined && !/^[\w@.,+-]+$/.test(kex)) {
  console.error(`bench: --kex takes a comma-separated list of algorithm names, not ${JSON.stringify(kex)}`);
  process.exit(2);
}
const variant = [kex === undefined ? [] : [`kex-${kex.split(',')[0]}`], noShellRc ? ['no-shell-rc'] : []].flat().join('-');
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

// CPU accounting: cgroup v1 cpuacct groups, or the fallbacks described above.
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
/** utime+stime+cutime+cstime of a process, in seconds. */
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
  const sshConfig = kex === undefined ? '/dev/null' : join(work, 'ssh_config');
  if (kex !== undefined) writeFileSync(sshConfig, `Host *\n  KexAlgorithms ${kex}\n`);
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

  const charter = [process.execPath, join(root, 'bin', 'charter.js')];
  const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const once = async (file, count) => {
    const out = join(work, 'fleet.json');
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
      '--format',
      'json',
      '--output',
      out,
    ];
    // In the cgroup from its first instruction: sh writes its own pid, then execs the audit.
    const command = auditGroup
      ? ['sh', '-c', 'echo $$ > "$1"; shift; exec "$@"', 'sh', join(auditGroup, 'cgroup.procs'), ...argv]
      : gnuTime
        ? [gnuTime, '-f', '%U %S', ...argv]
        : argv;
    const auditBefore = auditGroup ? groupSeconds(auditGroup) : 0;
    const sshdBefore = sshdGroup ? groupSeconds(sshdGroup) : procSeconds(server.pid);
    const acceptedBefore = accepted;
    const started = process.hrtime.bigint();
    const result = await new Promise((resolve) => {
      const child = spawn(command[0], command.slice(1), { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
      let stderr = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (text) => (stderr += text));
      child.on('close', (status) => resolve({ status, stderr }));
    });
    const wallS = Number(process.hrtime.bigint() - started) / 1e9;
    // Let the server's session processes end and be reaped (their CPU lands in the master then).
    await sleep(500);
    let auditCpuS;
    if (auditGroup) auditCpuS = groupSeconds(auditGroup) - auditBefore;
    else if (gnuTime) {
      const [u, s] = result.stderr.trim().split('\n').at(-1).split(' ').map(Number);
      auditCpuS = u + s;
    } else auditCpuS = NaN;
    const sshdCpuS = (sshdGroup ? groupSeconds(sshdGroup) : procSeconds(server.pid)) - sshdBefore;
    const report = JSON.parse(readFileSync(out, 'utf8'));
    const checked = report.hosts.filter((h) => h.status === 'checked').length;
    if (checked !== count) throw new Error(`only ${checked} of ${count} hosts were checked: ${result.stderr.slice(0, 2000)}`);
    return { wallS, auditCpuS, sshdCpuS, connections: accepted - acceptedBefore };
  };

  const measure = async (count) => {
    const file = inventory(count);
    await once(file, count); // warm-up: file cache, not counted
    const samples = [];
    for (let i = 0; i < runs; i += 1) samples.push(await once(file, count));
    const row = {
      hosts: count,
      runs,
      wallS: median(samples.map((s) => s.wallS)),
      auditCpuS: median(samples.map((s) => s.auditCpuS)),
      sshdCpuS: median(samples.map((s) => s.sshdCpuS)),
      connections: median(samples.map((s) => s.connections)),
      samples,
    };
    row.cpuPerHostS = (row.auditCpuS + row.sshdCpuS) / count;
    console.log(
      `${String(count).padStart(2)} host(s): wall ${row.wallS.toFixed(2)} s (min ${Math.min(...samples.map((s) => s.wallS)).toFixed(2)}, max ${Math.max(...samples.map((s) => s.wallS)).toFixed(2)})` +
        `  CPU audit ${row.auditCpuS.toFixed(2)} s + sshd ${row.sshdCpuS.toFixed(2)} s = ${(row.auditCpuS + row.sshdCpuS).toFixed(2)} s` +
        `  (${row.cpuPerHostS.toFixed(2)} s/host)  ssh connections ${row.connections}`,
    );
    return row;
  };

  console.log(
    `charter ssh fan-out bench: sshd on 127.0.0.1:${port}, ${runs} runs each after one warm-up, --concurrency ${concurrency}, ${spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()} cores`,
  );
  console.log(`CPU accounting: ${auditGroup && sshdGroup ? 'cgroup cpuacct (everything on each side)' : 'rusage/proc (approximate)'}`);
  console.log(`environment: key exchange ${kex ?? 'ssh default'}, remote login shell ${noShellRc ? 'without ~/.bashrc (SHLVL=1)' : 'as configured'}\n`);
  // The floor of any ssh fan-out here: the same connections running `true` (key exchange, login
  // shell), `concurrency` at a time, with the ssh options charter uses.
  const bareSsh = async (count) => {
    const argv = [
      '-F',
      sshConfig,
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
    const one = () =>
      new Promise((resolve, reject) => {
        const child = spawn('ssh', argv, { stdio: 'ignore' });
        child.on('close', (status) => (status === 0 ? resolve() : reject(new Error(`ssh true exited ${status}`))));
      });
    const samples = [];
    for (let run = 0; run <= runs; run += 1) {
      const started = process.hrtime.bigint();
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(concurrency, count) }, async () => {
          while (next < count) {
            next += 1;
            await one();
          }
        }),
      );
      if (run > 0) samples.push(Number(process.hrtime.bigint() - started) / 1e9);
    }
    return median(samples);
  };

  const one = await measure(1);
  const many = await measure(hostCount);
  const ratio = many.wallS / one.wallS;
  const meets = ratio < 3;
  const bare = { one: await bareSsh(1), many: await bareSsh(hostCount) };
  console.log(
    `\nratio: ${hostCount} hosts / 1 host = ${ratio.toFixed(2)}x wall (goal < 3x: ${meets ? 'met' : 'NOT met'});` +
      ` CPU per host ${many.cpuPerHostS.toFixed(2)} s in the fan-out, ${one.cpuPerHostS.toFixed(2)} s alone`,
  );
  console.log(
    `bare ssh (\`ssh HOST true\`, same options): ${hostCount} connections ${bare.many.toFixed(2)} s, 1 connection ${bare.one.toFixed(2)} s;` +
      ` charter over the bare connections: ${(many.wallS - bare.many).toFixed(2)} s for ${hostCount} hosts, ${(one.wallS - bare.one).toFixed(2)} s for 1`,
  );
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  const file = join(root, 'bench', 'results', variant === '' ? 'ssh-fanout.json' : `ssh-fanout-${variant}.json`);
  const environment = { kex: kex ?? null, shellRc: !noShellRc };
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, concurrency, environment, one, many, ratio, meets, bareSshS: bare }, null, 2)}\n`,
  );
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
