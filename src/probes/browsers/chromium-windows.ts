/** The Chromium family on Windows: not read yet, so every field is a gap. */
import type { Host } from '../../hosts/host.js';
import type { ProbeContext } from '../probe.js';
import { emptyCollection, type BrowserCollection } from './collector.js';

export const collectChromiumWindows = (_host: Host, context: ProbeContext): Promise<BrowserCollection> => {
  const detail = 'Chromium family on Windows: browser profiles are not read yet';
  const collection = emptyCollection(context);
  for (const field of ['profiles', 'webApps', 'permissions'] as const) collection.gaps.push({ field, code: 'not-collected', detail });
  if (context.includeBrowserHistory === true) collection.gaps.push({ field: 'history', code: 'not-collected', detail });
  return Promise.resolve(collection);
};
