import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../model.js';
import { debianRoot, imageCache } from '../testing/debian-roots.js';
import { memoryIo } from '../testing/memory-io.js';
import { assertValidReport } from '../testing/report-schema.js';
import { run } from './main.js';

const repo = new URL('../..', import.meta.url).pathname;
const clean = debianRoot('clean');
const messenger = debianRoot('messenger');
const out = mkdtempSync(join(tmpdir(), 'charter-image-scan-'));
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
});

const check = async (args: string[]) => {
  const io = memoryIo({ cwd: repo });
  const code = await run(['check', ...args], io);
  return { code, out: io.out(), err: io.err() };
};

const finding = (report: Report, id: string) => report.findings.find((f) => f.ruleId === id);

/** An image archive of a root, made once by scripts/root-image.sh (the shape `docker save` writes). */
const imageOf = (root: string, name: string): string => {
  const file = join(imageCache(), `${name}.tar`);
  const stamp = `${root}.stamp`;
  if (!existsSync(file) || statSync(file).mtimeMs < statSync(stamp).mtimeMs) {
    mkdirSync(imageCache(), { recursive: true });
    execFileSync(join(repo, 'scripts', 'root-image.sh'), [root, file], { stdio: 'ignore' });
  }
  return file;
};

describe.skipIf(clean === undefined || messenger === undefined)('scanning real Debian roots offline', () => {
  it('root:DIR — the messenger rule fails naming the package; the same root without it passes', async () => {
    const bad = await check(['--target', `root:${messenger ?? ''}`, '--format', 'json']);
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.out) as Report;
    assertValidReport(report);
    expect(report.target.kind).toBe('root');
    expect(finding(report, 'MSG-01')?.status).toBe('fail');
    expect(JSON.stringify(finding(report, 'MSG-01')?.evidence)).toContain('telegram-desktop');
    // Rules that need a running system are skipped with that reason, not failed.
    expect(finding(report, 'NET-02')).toMatchObject({ status: 'skip', message: expect.stringContaining('needs a live system') as unknown });
    const good = JSON.parse((await check(['--target', `root:${clean ?? ''}`, '--format', 'json'])).out) as Report;
    expect(finding(good, 'MSG-01')?.status).toBe('pass');
  });

  it('image:FILE — the same answers from an image archive of the roots', async () => {
    const bad = JSON.parse((await check(['--target', `image:${imageOf(messenger ?? '', 'messenger')}`, '--format', 'json'])).out) as Report;
    expect(bad.target.kind).toBe('image');
    expect(finding(bad, 'MSG-01')?.status).toBe('fail');
    expect(JSON.stringify(finding(bad, 'MSG-01')?.evidence)).toContain('telegram-desktop');
    const good = JSON.parse((await check(['--target', `image:${imageOf(clean ?? '', 'clean')}`, '--format', 'json'])).out) as Report;
    expect(finding(good, 'MSG-01')?.status).toBe('pass');
    const fromRoot = JSON.parse((await check(['--target', `root:${messenger ?? ''}`, '--format', 'json'])).out) as Report;
    expect(bad.findings.map((f) => [f.ruleId, f.status])).toEqual(fromRoot.findings.map((f) => [f.ruleId, f.status]));
  }, 120_000);

  it('writes JUnit that xmllint validates against the Jenkins schema and SARIF the official schema accepts, in one run', async () => {
    const xml = join(out, 'charter.xml');
    const sarif = join(out, 'charter.sarif');
    const result = await check([
      '--target',
      `root:${messenger ?? ''}`,
      '--format',
      'junit',
      '--output',
      xml,
      '--format',
      'sarif',
      '--output',
      sarif,
      '--format',
      'text',
      '--no-color',
    ]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('MSG-01');
    await execa('xmllint', ['--noout', '--schema', join(repo, 'schemas', 'vendor', 'junit-10.xsd'), xml]);
    expect(readFileSync(xml, 'utf8')).toContain('telegram-desktop');
    const schema = JSON.parse(readFileSync(join(repo, 'schemas', 'vendor', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
    const validate = new Ajv({ strict: false, validateFormats: false }).compile(schema);
    const log = JSON.parse(readFileSync(sarif, 'utf8')) as { runs: { results: { ruleId: string; locations: unknown[] }[] }[] };
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const msg01 = log.runs[0]?.results.find((r) => r.ruleId === 'MSG-01');
    expect(msg01?.locations.length).toBe(1);
    expect(JSON.stringify(msg01)).toContain('policies/lu-state-charter.yaml');
  });
});

describe('a hostile image', () => {
  it('yields no content of the scanning machine in any output, and never runs anything from it', async () => {
    const { dockerSaveArchive } = await import('../testing/image-builder.js');
    const { tarBytes } = await import('../testing/tar-writer.js');
    const { writeFileSync } = await import('node:fs');
    const layer = tarBytes([
      { name: './etc/', type: 'directory' },
      { name: './etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' },
      // Every file a probe reads, pointed at this machine's secrets in every way a tar allows.
      { name: './etc/hostname', type: 'symlink', linkName: '/proc/sys/kernel/hostname' },
      { name: './etc/machine-id', type: 'symlink', linkName: '../../../../../../etc/machine-id' },
      { name: './etc/passwd', type: 'symlink', linkName: '/etc/../../../etc/passwd' },
      { name: './etc/shadow', type: 'hardlink', linkName: '../../../etc/shadow' },
      { name: './etc/group', type: 'symlink', linkName: '/etc/group' },
      { name: './var/lib/dpkg/status', type: 'symlink', linkName: '/var/lib/dpkg/../../../var/lib/dpkg/status' },
      { name: '../../../../tmp/charter-escaped', content: 'written outside?' },
      { name: './home', type: 'symlink', linkName: '/' },
      { name: './root', type: 'symlink', linkName: '../../../../root' },
      { name: './usr/bin/sh', content: '#!/bin/sh\ntouch /tmp/charter-was-executed\n', mode: 0o755 },
    ]);
    const file = join(out, 'hostile.tar');
    writeFileSync(file, dockerSaveArchive([layer]));
    const outputs = [];
    for (const format of ['json', 'text', 'junit', 'sarif']) {
      const result = await check(['--target', `image:${file}`, '--format', format, '--no-color']);
      expect(result.code).toBeLessThan(2);
      outputs.push(result.out, result.err);
    }
    const seen = outputs.join('\n');
    const secrets = ['/etc/hostname', '/etc/machine-id', '/proc/sys/kernel/hostname']
      .map((p) => (existsSync(p) ? readFileSync(p, 'utf8').trim() : ''))
      .filter((s) => s.length >= 4);
    // Lines of this machine's account and package databases that an image of this shape cannot hold.
    const passwdLines = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .filter((l) => l.includes(':') && !l.startsWith('root:'));
    for (const secret of [...secrets, ...passwdLines.slice(0, 5)]) expect(seen).not.toContain(secret);
    expect(existsSync('/tmp/charter-escaped')).toBe(false);
    expect(existsSync('/tmp/charter-was-executed')).toBe(false);
  });
});
