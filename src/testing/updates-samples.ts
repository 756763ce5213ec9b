import { readdirSync, readFileSync } from 'node:fs';
import type { FakeHostSpec } from './fake-host.js';

export const sampleDir = new URL('../../fixtures/samples/updates/', import.meta.url);
export const sample = (path: string): Buffer => readFileSync(new URL(path, sampleDir));
export const sampleText = (path: string): string => sample(path).toString('utf8');

/** `apt list --upgradable` output → `name arch candidate suites` rows, sorted. */
export const aptListRows = (text: string): { name: string; candidate: string; architecture: string; suites: string }[] =>
  text
    .split('\n')
    .filter((line) => line.includes('[upgradable from:'))
    .map((line) => {
      const [nameSuites = '', candidate = '', architecture = ''] = line.split(' ');
      const [name = '', suites = ''] = nameSuites.split('/');
      return { name, candidate, architecture, suites };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));

const listsDir = '/var/lib/apt/lists';

/** A recorded Debian machine as fakeHost files: dpkg status, apt lists, apt.conf.d, logs. */
export const debianSpec = (dir: 'debian12-vm' | 'debian12-pending-root'): { files: Record<string, Buffer>; stats: FakeHostSpec['stats'] } => {
  const files: Record<string, Buffer> = {
    '/var/lib/dpkg/status': sample(`${dir}/dpkg-status`),
    '/var/log/apt/history.log': sample(`${dir}/history.log`),
    '/etc/timezone': Buffer.from('Etc/UTC\n'),
  };
  files['/var/log/dpkg.log'] = sample(dir === 'debian12-vm' ? `${dir}/dpkg.log.tail400` : `${dir}/dpkg.log`);
  for (const name of readdirSync(new URL(`${dir}/apt.conf.d/`, sampleDir))) files[`/etc/apt/apt.conf.d/${name}`] = sample(`${dir}/apt.conf.d/${name}`);
  const stats: NonNullable<FakeHostSpec['stats']> = { '/etc/apt': { type: 'directory' } };
  const mtimes = sampleText(`${dir}/lists/mtimes.txt`);
  for (const name of readdirSync(new URL(`${dir}/lists/`, sampleDir))) {
    if (name === 'mtimes.txt') continue;
    const target = name.replace(/\.(trimmed|header)$/, '');
    files[`${listsDir}/${target}`] = sample(`${dir}/lists/${name}`);
    const recorded = new RegExp(`^(\\d+) \\S*/${target.replace(/[.]/g, '\\.')}$`, 'm').exec(mtimes);
    if (recorded) stats[`${listsDir}/${target}`] = { mtimeMs: Number(recorded[1]) * 1000 };
  }
  return { files, stats };
};
