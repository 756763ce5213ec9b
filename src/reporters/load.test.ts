import { describe, expect, it } from 'vitest';
import { reporters } from './index.js';
import { loadableFormats, loadReporter } from './load.js';

describe('loadReporter', () => {
  it('loads the reporter the registry holds, for every format of the registry and no other', async () => {
    expect(loadableFormats().sort()).toEqual(Object.keys(reporters).sort());
    for (const [name, reporter] of Object.entries(reporters)) expect(await loadReporter(name)).toBe(reporter);
  });

  it('knows no other name, not even those every object has', async () => {
    for (const name of ['xml', '', 'constructor', 'toString', '__proto__', 'JSON']) expect(await loadReporter(name)).toBeUndefined();
  });
});
