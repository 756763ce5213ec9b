import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePowercfg, powerSettings } from './parse-powercfg.js';

const sample = (name: string): string => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');

describe('parsePowercfg', () => {
  it('reads a range setting (min, max, increment, then AC and DC) from a real /qh capture', () => {
    const query = parsePowercfg(sample('powercfg-qh-standbyidle.txt'));
    expect(query.schemes).toEqual([{ guid: '381b4222-f694-41f0-9685-ff5bb260df2e', name: 'Balanced' }]);
    expect(query.settings.get(powerSettings.standbyIdle)).toEqual({ ac: 0x708, dc: 0x384 });
    // Subgroups hold no value of their own.
    expect(query.settings.has('238c9fa8-0aad-41ed-83f4-97be242c8f20')).toBe(false);
  });

  it('reads list settings (possible indexes without 0x) and every setting of a real multi-subgroup /query', () => {
    const query = parsePowercfg(sample('powercfg-query-hyperv.txt'));
    expect(query.settings.get(powerSettings.consoleLock)).toEqual({ ac: 1, dc: 1 });
    expect(query.settings.get('637ea02f-bbcb-4015-8e2c-a1c7b9c0b546')).toEqual({ ac: 0, dc: 3 });
    expect(query.settings.get('8183ba9a-e910-48da-8769-14ae6dc1170a')).toEqual({ ac: 10, dc: 50 });
    expect(query.settings.size).toBe(6);
  });

  it('does not read the labels: the same output with every label replaced reads the same', () => {
    // Any display language: keep GUIDs, names in parentheses and values, scramble everything else.
    const original = sample('powercfg-query-hyperv.txt');
    const scrambled = original
      .split('\n')
      .map((line) => line.replace(/^(\s*)[A-Za-z][A-Za-z ]*(?=:)/, (_m, indent: string) => `${indent}Étiquette ÄÖÜ dans une autre langue`))
      .join('\r\n');
    expect(scrambled).not.toContain('Current AC');
    expect(parsePowercfg(scrambled)).toEqual(parsePowercfg(original));
  });

  it('reads several queries printed one after the other, each with its scheme line', () => {
    const query = parsePowercfg(sample('powercfg-display-lock.txt'));
    expect(query.schemes).toHaveLength(2);
    expect(query.settings.get(powerSettings.videoIdle)).toEqual({ ac: 600, dc: 300 });
    expect(query.settings.get(powerSettings.videoConsoleLock)).toEqual({ ac: 60, dc: 60 });
    expect(query.settings.get(powerSettings.standbyIdle)).toEqual({ ac: 900, dc: 0 });
  });

  it('reads an incomplete setting as unknown instead of taking the wrong numbers, and errors as nothing', () => {
    const truncated = sample('powercfg-qh-standbyidle.txt').split('\n').slice(0, 10).join('\n');
    expect(parsePowercfg(truncated).settings.get(powerSettings.standbyIdle)).toEqual({ ac: null, dc: null });
    const error = parsePowercfg('The power scheme, subgroup or setting specified does not exist.\r\n');
    expect(error.settings.size).toBe(0);
    expect(error.schemes).toEqual([]);
    expect(parsePowercfg('').settings.size).toBe(0);
  });
});
