import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isNestedBundle, parseSystemProfilerApps } from './system-profiler.js';

/** Built from documentation: see testdata/system-profiler/README.md. */
const sample = readFileSync(new URL('./testdata/system-profiler/applications.json', import.meta.url), 'utf8');

describe('parseSystemProfilerApps', () => {
  it('reads name, path, version, origin and the signing leaf; keys left out are null', () => {
    const parsed = parseSystemProfilerApps(sample);
    if (parsed.status !== 'ok') throw new Error(parsed.reason);
    expect(parsed.apps).toHaveLength(6);
    expect(parsed.apps[2]).toEqual({
      name: 'Signal',
      path: '/Users/alice/Downloads/Signal.app',
      version: '7.33.0',
      obtainedFrom: 'identified_developer',
      signedBy: 'Developer ID Application: Signal Messenger, LLC (U68MSDN6DR)',
      lastModified: '2026-11-12T16:40:31Z',
    });
    expect(parsed.apps[5]).toMatchObject({ name: 'Unsigned Tool', version: null, obtainedFrom: 'unknown', signedBy: null });
  });

  it('entries without an absolute path are counted, not invented; an unnamed one takes its folder name', () => {
    const parsed = parseSystemProfilerApps(
      JSON.stringify({ SPApplicationsDataType: [{ _name: 'X' }, { path: 'relative.app' }, { path: '/Volumes/Disk/Tool.app' }, 'junk'] }),
    );
    expect(parsed).toEqual({
      status: 'ok',
      skipped: 3,
      apps: [{ name: 'Tool', path: '/Volumes/Disk/Tool.app', version: null, obtainedFrom: null, signedBy: null, lastModified: null }],
    });
  });

  it('anything but the expected JSON is an error', () => {
    for (const text of ['', 'system_profiler: timed out', '[]', '{"SPSoftwareDataType": []}']) expect(parseSystemProfilerApps(text).status).toBe('error');
  });

  it('tells bundles nested in bundles', () => {
    expect(isNestedBundle('/Applications/A.app/Contents/Frameworks/B.app')).toBe(true);
    expect(isNestedBundle('/Library/Frameworks/Python.framework/Versions/3.14/Resources/Python.app')).toBe(false);
  });
});
