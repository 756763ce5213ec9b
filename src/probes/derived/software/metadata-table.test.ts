import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appCategories } from '../../../policy/catalog.js';
import {
  categoryKeywords,
  debtagsInterface,
  debtagsNotAnApp,
  debtagsProgram,
  debtagsServer,
  keywordIn,
  metadataTable,
  rowsFor,
  words,
} from './metadata-table.js';

const readmeUrl = new URL('../../../../README.md', import.meta.url);
let readme = readFileSync(readmeUrl, 'utf8');
const start =
  '<!-- metadata-table:start (generated from src/probes/derived/software/metadata-table.ts; UPDATE_README=1 npx vitest run src/probes/derived/software/metadata-table.test.ts rewrites it) -->';
const end = '<!-- metadata-table:end -->';

const strengthText = { decides: 'decides alone', corroborated: 'only with a second signal', never: 'never' } as const;
const schemeText = {
  freedesktop: 'desktop entry `Categories`',
  appstream: 'AppStream `<categories>`',
  debtags: 'Debian `Tag`',
  macos: 'macOS `LSApplicationCategoryType`',
} as const;

/** README's table, from the code. */
const markdown = (): string =>
  [
    '| metadata | value | charter category | strength | why |',
    '| --- | --- | --- | --- | --- |',
    ...metadataTable.map(
      (r) => `| ${schemeText[r.scheme]} | \`${r.value}\` | ${r.category ?? '—'} | ${strengthText[r.strength]} | ${r.why.replace(/\|/g, '\\|')} |`,
    ),
    '',
    `Debian packages tagged ${debtagsNotAnApp.map((t) => `\`${t}\``).join(', ')} are not apps: their tags classify nothing unless they also carry \`${debtagsProgram}\` and a tag starting ${debtagsInterface.map((t) => `\`${t}\``).join(', ')}. ` +
      `A package tagged \`${debtagsServer.tag}\` without \`${debtagsServer.unless}\` is a server: its tags give no category but ${debtagsServer.spares.join(', ')}.`,
    '',
    'Second signals (words in the Keywords, GenericName, AppStream keywords, name or id; `*` ends a stem):',
    '',
    ...appCategories.map((c) => `- ${c}: ${categoryKeywords[c].map((k) => `\`${k}\``).join(', ')}`),
  ].join('\n');

if (process.env.UPDATE_README === '1') {
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from !== -1 && to > from) {
    readme = `${readme.slice(0, from + start.length)}\n${markdown()}\n${readme.slice(to)}`;
    writeFileSync(readmeUrl, readme);
  }
}

describe('the metadata table', () => {
  it('is the table README shows', () => {
    const from = readme.indexOf(start);
    const to = readme.indexOf(end);
    expect(from, 'README lacks the metadata-table markers').toBeGreaterThan(-1);
    expect(readme.slice(from + start.length, to).trim(), 'README metadata table is stale').toBe(markdown());
  });

  it('names a category exactly when a row can classify, and lists each (scheme, value, category) once', () => {
    for (const row of metadataTable) expect(row.category === null, `${row.scheme} ${row.value}`).toBe(row.strength === 'never');
    const keys = metadataTable.map((r) => JSON.stringify([r.scheme, r.value, r.category]));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps the traps of app-metadata.md out of every category', () => {
    for (const value of ['Network', 'WebBrowser', 'Email', 'News', 'Feed', 'FileTransfer', 'P2P']) {
      for (const scheme of ['freedesktop', 'appstream'] as const) expect(rowsFor(scheme, value).map((r) => r.category)).toEqual([null]);
    }
    for (const tag of ['network::client', 'web::browser', 'mail::user-agent']) expect(rowsFor('debtags', tag).map((r) => r.category)).toEqual([null]);
    expect(rowsFor('freedesktop', 'network')).toEqual([]); // menu-spec names are case-sensitive
    expect(rowsFor('macos', 'Public.App-Category.Social-Networking').map((r) => r.category)).toEqual(['social-network', 'messenger']);
  });

  it('finds second signals as words, not as substrings', () => {
    expect(words('HexChat IRC-Client')).toEqual(['hex', 'chat', 'irc', 'client']);
    expect(keywordIn('messenger', 'HexChat')).toBe('chat');
    expect(keywordIn('messenger', 'hexchat')).toBeUndefined();
    expect(keywordIn('messenger', 'Email;Newsgroup;Feed;RSS')).toBeUndefined();
    expect(keywordIn('cloud-sync', 'Synchronisation de fichiers')).toBe('synchroni*');
    expect(keywordIn('cloud-sync', 'asynchronous')).toBeUndefined();
    expect(keywordIn('remote-access', 'remote desktop;rdp;vnc;ssh;spice')).toBe('remote desktop');
    expect(keywordIn('remote-access', 'desktop remote')).toBeUndefined();
  });
});
