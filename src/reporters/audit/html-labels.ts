import { formatNumber } from '../../i18n/intl.js';
import type { Language } from '../../model.js';

/** Sentences only the fleet HTML page writes (its rule filter, its note for a browser without scripts). */
export interface HtmlLabels {
  /** The hosts table's filter by a rule that fails (or errs) on the host. */
  failingRule: string;
  anyRule: string;
  /** Shown when the page's script does not run: the first page of hosts is all the page shows then. */
  noScript: string;
  /** The same for a list (hosts not checked, the changes since the baseline): it shows its first `count` then. */
  listNoScript: (count: number) => string;
  /** Under the hosts missing since the baseline when a group is chosen and some of them have no groups in the baseline: those are listed whatever the group. */
  groupUnknown: string;
  /** A list's first and last pages. */
  firstPage: string;
  lastPage: string;
}

const catalogs: Record<Language, HtmlLabels> = {
  en: {
    failingRule: 'Failing rule',
    anyRule: 'any rule',
    noScript:
      'Without its script this page shows only the first page of hosts: the other pages, the filters and each host’s findings need it. The JSON report holds them all.',
    listNoScript: (count) =>
      `Without its script this list shows only its first ${formatNumber('en', count)}: the other pages and the group filter need it. The JSON report holds them all.`,
    groupUnknown: 'Hosts missing since the earlier audit whose groups the earlier report does not give are listed whatever the group.',
    firstPage: 'First',
    lastPage: 'Last',
  },
  fr: {
    failingRule: 'Règle en échec',
    anyRule: 'toutes les règles',
    noScript:
      'Sans son script, cette page ne montre que la première page des postes : les autres pages, les filtres et les constats de chaque poste en dépendent. Le rapport JSON les contient tous.',
    listNoScript: (count) =>
      `Sans son script, cette liste ne montre que ses ${formatNumber('fr', count)} premiers éléments : les autres pages et le filtre par groupe en dépendent. Le rapport JSON les contient tous.`,
    groupUnknown: 'Les postes absents depuis l’audit précédent dont le rapport précédent ne donne pas les groupes sont listés quel que soit le groupe.',
    firstPage: 'Première',
    lastPage: 'Dernière',
  },
  de: {
    failingRule: 'Verletzte Regel',
    anyRule: 'alle Regeln',
    noScript:
      'Ohne ihr Skript zeigt diese Seite nur die erste Seite der Geräte: Die weiteren Seiten, die Filter und die Befunde jedes Geräts brauchen es. Der JSON-Bericht enthält sie alle.',
    listNoScript: (count) =>
      `Ohne ihr Skript zeigt diese Liste nur ihre ersten ${formatNumber('de', count)} Einträge: Die weiteren Seiten und der Gruppenfilter brauchen es. Der JSON-Bericht enthält sie alle.`,
    groupUnknown: 'Seit dem früheren Audit fehlende Geräte, deren Gruppen der frühere Bericht nicht angibt, werden unabhängig von der Gruppe aufgeführt.',
    firstPage: 'Erste',
    lastPage: 'Letzte',
  },
  lb: {
    failingRule: 'Verletzte Reegel',
    anyRule: 'all Reegelen',
    noScript:
      'Ouni hire Skript weist dës Säit nëmmen déi éischt Säit vun den Apparater: Déi aner Säiten, d’Filteren an d’Resultater vun all Apparat brauchen en. De JSON-Rapport enthält se all.',
    listNoScript: (count) =>
      `Ouni hire Skript weist dës Lëscht nëmmen hir éischt ${formatNumber('lb', count)} Androen: Déi aner Säiten an de Gruppefilter brauchen en. De JSON-Rapport enthält se all.`,
    groupUnknown:
      'Apparater, déi zënter dem fréieren Audit feelen an deenen hir Gruppen de fréiere Rapport net ugëtt, ginn opgelëscht, egal a wéi engem Grupp.',
    firstPage: 'Éischt',
    lastPage: 'Lescht',
  },
};

export const htmlLabelsFor = (language: Language): HtmlLabels => catalogs[language];
