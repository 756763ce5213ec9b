import type { Language } from '../../model.js';

/** Sentences only the fleet HTML page writes (its rule filter, its note for a browser without scripts). */
export interface HtmlLabels {
  /** The hosts table's filter by a rule that fails (or errs) on the host. */
  failingRule: string;
  anyRule: string;
  /** Shown when the page's script does not run: the first page of hosts is all the page shows then. */
  noScript: string;
}

const catalogs: Record<Language, HtmlLabels> = {
  en: {
    failingRule: 'Failing rule',
    anyRule: 'any rule',
    noScript:
      'Without its script this page shows only the first page of hosts: the other pages, the filters and each host’s findings need it. The JSON report holds them all.',
  },
  fr: {
    failingRule: 'Règle en échec',
    anyRule: 'toutes les règles',
    noScript:
      'Sans son script, cette page ne montre que la première page des postes : les autres pages, les filtres et les constats de chaque poste en dépendent. Le rapport JSON les contient tous.',
  },
  de: {
    failingRule: 'Verletzte Regel',
    anyRule: 'alle Regeln',
    noScript:
      'Ohne ihr Skript zeigt diese Seite nur die erste Seite der Geräte: Die weiteren Seiten, die Filter und die Befunde jedes Geräts brauchen es. Der JSON-Bericht enthält sie alle.',
  },
  lb: {
    failingRule: 'Verletzte Reegel',
    anyRule: 'all Reegelen',
    noScript:
      'Ouni hire Skript weist dës Säit nëmmen déi éischt Säit vun den Apparater: Déi aner Säiten, d’Filteren an d’Resultater vun all Apparat brauchen en. De JSON-Rapport enthält se all.',
  },
};

export const htmlLabelsFor = (language: Language): HtmlLabels => catalogs[language];
