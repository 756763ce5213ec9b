import { deriveSoftware } from './derive.js';
import { softwareFacts, softwareSources } from './facts.js';
import { defineProbe } from '../../probe.js';

/**
 * `software`: installed-apps, app-activity and browsers joined through the app catalog, one entry per
 * app; apps the catalog does not name classified from their platform metadata.
 */
export const software = defineProbe({
  id: 'software',
  title: 'Apps on the target (catalog, or classified from platform metadata): installed, running or leaving data',
  inputs: softwareSources,
  facts: softwareFacts,
  derive: (inputs, context) =>
    deriveSoftware(
      context.catalog,
      context.platform,
      inputs['installed-apps'],
      inputs['app-activity'],
      // Read only if an app runs (its lastUsed is the check time): see deriveFacts.
      () => context.now,
      context.live,
      inputs.browsers,
      context.memo,
    ),
});
