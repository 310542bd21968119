/**
 * What an untrusted project folder's `llmspell.yaml` and `.env` may not set (see trusted-folders.ts):
 * a base URL for a provider whose key comes from elsewhere (the key would follow it), private network
 * access, limits above the user's own, prices below the user's own (they would stretch the cost cap),
 * a shorter run history than the user's own (it would delete runs), and switching off install.require_signed. Such entries are
 * dropped, each with a line saying why and how to trust the folder.
 */
import { dotted, type Entry, type Layer } from './layer';
import { mergeLayers } from './resolve';
import { priceFor, type PriceTable } from '../contract/prices';

/** Settings where a larger number widens what runs may do. */
const CEILINGS = ['limits.timeout', 'limits.memory', 'limits.cpu', 'limits.max_depth', 'limits.max_processes', 'limits.llm_calls', 'limits.tokens', 'limits.llm_rate', 'limits.cost', 'storage.max_bytes', 'storage.quota_bytes', 'studio.max_runs'];

/**
 * Removes trust-widening entries from the `project` layers in place; `trusted` are the user's own
 * layers (defaults, user file, environment, flags). Returns one line per entry dropped.
 */
export function dropProjectWidening(project: Layer[], trusted: Layer[]): string[] {
  const base = mergeLayers(trusted).data;
  const at = (path: string[]): unknown => path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), base);
  const projectKeys = new Set(project.flatMap((l) => l.entries).map((e) => dotted(e.path)));
  const why = (entry: Entry): string | undefined => {
    const key = dotted(entry.path);
    const [section, name, field] = entry.path;
    if (section === 'providers' && field === 'base_url' && name !== undefined) {
      // a key from the user's own configuration must only ever go where the user pointed it
      const keyedElsewhere = at(['providers', name, 'api_key']) !== undefined && !projectKeys.has(`providers.${name}.api_key`);
      return keyedElsewhere ? `it would send the ${name} key from your own configuration to another server` : undefined;
    }
    if (key === 'network.allow_private' && entry.value === true) return 'it would let spells reach private and loopback addresses';
    // the history holds every spell's runs, not only this project's: a lower number would delete them
    if (key === 'studio.history_runs' && typeof entry.value === 'number') {
      const mine = at(entry.path);
      if (typeof mine === 'number' && entry.value < mine) return `it is below your own ${key} of ${mine}, and would delete older runs of every spell`;
    }
    if (key === 'install.require_signed' && entry.value === false && at(['install', 'require_signed']) === true) return 'it would allow unsigned installs';
    // a lower price lets the same cost cap buy more calls
    if (section === 'prices' && name !== undefined && (field === 'input' || field === 'output') && typeof entry.value === 'number') {
      const mine = trustedPrice(at(['prices']), name, field);
      if (typeof mine === 'number' && entry.value < mine) return `it is below your own price of ${mine}, which would stretch your cost limit`;
      return undefined;
    }
    const budgetKey = section === 'providers' && field !== undefined && ['llm_calls', 'tokens', 'llm_rate'].includes(field);
    if ((CEILINGS.includes(key) || budgetKey) && typeof entry.value === 'number') {
      const mine = at(entry.path);
      if (typeof mine === 'number' && entry.value > mine) return `it is above your own ${key} of ${mine}`;
    }
    return undefined;
  };
  const dropped: string[] = [];
  for (const layer of project) {
    layer.entries = layer.entries.filter((entry) => {
      const reason = why(entry);
      if (reason) dropped.push(`${entry.origin} sets ${dotted(entry.path)}, ignored in an untrusted folder: ${reason} (run \`llmspell trust\` in this folder to allow it)`);
      return !reason;
    });
  }
  return dropped;
}

/**
 * What the user's own table charges for the model a project's price key names (`gpt-4o-2024-08-06`
 * falls under `gpt-4o`, `local/m` under `m`): a more specific key must not undercut it either.
 */
function trustedPrice(table: unknown, key: string, field: 'input' | 'output'): number | undefined {
  if (!table || typeof table !== 'object') return undefined;
  const slash = key.indexOf('/');
  const [provider, model] = slash > 0 ? [key.slice(0, slash), key.slice(slash + 1)] : ['', key];
  return priceFor(table as PriceTable, provider, model)?.price[field];
}
