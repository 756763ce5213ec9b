import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/memory-io.js';
import { run } from './main.js';

const root = resolve('.');

const charter = async (args: string[]) => {
  const io = memoryIo({ cwd: root });
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
};

describe('charter explain', () => {
  it('says what a rule checks, where, its sources and remediation', async () => {
    const { code, out } = await charter(['explain', 'LCK-01']);
    expect(code).toBe(0);
    expect(out).toMatch(/^LCK-01 {2}\S/);
    expect(out).toContain('Platforms: linux, macos, windows · Targets: running machines, OS images and root filesystems at rest');
    expect(out).toContain('Applies only when:\n    - screen-lock.graphical: equal to true');
    expect(out).toContain('Passes when all of these hold:\n    - screen-lock.lockEnabled: equal to true');
    expect(out).toContain('- screen-lock.secondsToLock: at most 900');
    expect(out).toMatch(/\(Worst case across users of idle seconds \+ lock delay/);
    expect(out).toContain('Parameters: maxSecondsToLock = 900');
    expect(out).toMatch(/Sources:\n {2}- \S+: /);
    expect(out).toMatch(/\nRemediation: \S/);
    expect(out).toMatch(/\nDefined in: policies\/lu-state-charter\.yaml:\d+\n$/);
  });

  it('speaks French and German', async () => {
    expect((await charter(['explain', 'ENC-01', '--lang', 'fr'])).out).toMatch(/Ce qui est vérifié:\n {2}Réussit lorsque toutes ces conditions sont remplies:/);
    const de = (await charter(['explain', 'ENC-01', '--lang', 'de'])).out;
    expect(de).toContain('Was geprüft wird:');
    expect(de).toContain('Abhilfe: ');
  });

  it('shows what an organisation policy changed', async () => {
    const { out } = await charter(['explain', 'lck-01', '--policy', 'examples/organisation/policy.yaml']);
    expect(out).toContain('- screen-lock.secondsToLock: at most 300');
    expect(out).toContain('Changed by: severity high → critical (ministere-exemple); maxSecondsToLock 900 → 300 (ministere-exemple)');
    expect(out).toMatch(/Defined in: policies\/lu-state-charter\.yaml:\d+/);
    const disabled = (await charter(['explain', 'NET-04', '--policy', 'examples/organisation/policy.yaml'])).out;
    expect(disabled).toMatch(/Disabled by ministere-exemple: Remote support runs through/);
  });

  it('explains a manual rule and answers JSON', async () => {
    expect((await charter(['explain', 'CND-01'])).out).toContain('Nothing a machine can show: it is checked by hand, or passes with a valid attestation');
    const json = JSON.parse((await charter(['explain', 'MSG-01', '--format', 'json'])).out) as Record<string, unknown>;
    expect(json).toMatchObject({ id: 'MSG-01', severity: 'high', platforms: ['linux', 'macos', 'windows'], check: { fact: 'software.apps' } });
    expect(json.references).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'LU4', title: expect.any(String) as string })]));
  });

  it('names an unknown rule with suggestions and exits 2', async () => {
    const { code, out, err } = await charter(['explain', 'LCK-99']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe("charter: no rule 'LCK-99' in lu-state-charter (did you mean LCK-01, LCK-02, LCK-03?); `charter rules` lists them\n");
  });
});
