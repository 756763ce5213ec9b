/** The Chromium family (Chrome, Chromium, Edge, Brave): not read yet, so every field is a gap. */
import { emptyCollection, type BrowserCollector } from './collector.js';

export const chromiumCollector: BrowserCollector = {
  family: 'Chromium family',
  collect: (_host, _homes, context) => {
    const detail = 'Chromium family: profiles are not read yet';
    const collection = emptyCollection(context);
    collection.gaps.push(
      ...(['profiles', 'webApps', 'permissions'] as const).map((field) => ({ field, code: 'not-collected' as const, detail })),
      ...(context.includeBrowserHistory === true ? [{ field: 'history' as const, code: 'not-collected' as const, detail }] : []),
    );
    return Promise.resolve(collection);
  },
};
