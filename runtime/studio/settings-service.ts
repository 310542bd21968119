import { ConfigError, KNOWN_PROVIDERS, loadConfig, type LoadedConfig } from '../config';
import { createLlmService, type LlmService } from '../llm';
import type { SettingsView } from '../contract/studio-api';
import { STUDIO_ORIGIN, withStudioSettings } from './run-config';
import type { SecretStore } from './secret-store';
import type { SettingsStore } from './settings-store';
import { badInput, StudioError } from './studio-error';
import type { HandlersFor } from './studio-handlers';

/** What the settings service needs: where config lives, and the two stores. */
export interface SettingsDeps {
  cwd: string;
  env: NodeJS.ProcessEnv;
  home: string;
  store: SettingsStore;
  secrets: SecretStore;
}

const PROVIDER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const isKnown = (name: string) => (KNOWN_PROVIDERS as readonly string[]).includes(name);

/**
 * Settings: providers (base URL, model, key), limits, library folders and the current provider,
 * saved by the studio on top of the configuration files. A key is stored in the secret store and
 * only `hasKey` ever leaves this module.
 */
export class SettingsService {
  constructor(private readonly deps: SettingsDeps) {}

  /** The configuration files and environment, without the studio's settings. */
  baseConfig(): LoadedConfig {
    try {
      return loadConfig({ cwd: this.deps.cwd, env: this.deps.env, home: this.deps.home });
    } catch (error) {
      if (error instanceof ConfigError) throw new StudioError(`invalid configuration:\n${error.message}`, 'bad_config');
      throw error;
    }
  }

  /** The configuration a run uses: files and environment with the studio's settings on top. */
  runConfig(): LoadedConfig {
    return withStudioSettings(this.baseConfig(), this.deps.store.get(), this.deps.secrets);
  }

  /** The library folders besides the project's and the home's (`~/` allowed). */
  libraryFolders(): string[] {
    const saved = this.deps.store.get().libraryFolders;
    if (saved) return saved;
    try {
      return this.baseConfig().config.library.folders;
    } catch {
      return []; // a broken config file must not hide the library; settings.get reports it
    }
  }

  view(): SettingsView {
    const loaded = this.runConfig();
    const { config } = loaded;
    const saved = this.deps.store.get();
    // The models and provider a run would use, resolved by the same LLM service runs build.
    // A chosen provider that is not configured makes runs fail with that message; list the rest anyway.
    let llm: LlmService | undefined;
    try {
      llm = llmFor(loaded, true);
    } catch {
      llm = undefined;
    }
    const runModels = new Map((llm ?? llmFor(loaded, false)).listProviders().map((p) => [p.name, p.model]));
    const names = new Set<string>(['mock', ...KNOWN_PROVIDERS, ...Object.keys(config.providers)]);
    return {
      providers: [...names].map((name) => {
        const entry = config.providers[name] ?? {};
        // Why only a boolean: a key never travels to the renderer, not even masked.
        const view = { name, hasKey: this.deps.secrets.has(name) || Boolean(entry.api_key) };
        const runModel = runModels.get(name);
        return { ...view, ...(entry.base_url ? { baseUrl: entry.base_url } : {}), ...(entry.model ? { model: entry.model } : {}), ...(runModel ? { runModel } : {}) };
      }),
      currentProvider: saved.currentProvider ?? llm?.currentProvider().name ?? config.provider,
      limits: { timeout: config.limits.timeout, memory: config.limits.memory, ...(config.limits.cost !== undefined ? { cost: config.limits.cost } : {}) },
      libraryFolders: [...config.library.folders],
      prices: Object.entries(config.prices).map(([model, price]) => {
        const origin = loaded.origins[`prices.${model}.input`] ?? loaded.origins[`prices.${model}.output`];
        const source = origin === STUDIO_ORIGIN ? ('studio' as const) : origin === 'default' || origin === undefined ? ('default' as const) : ('config' as const);
        return { model, input: price.input ?? 0, output: price.output ?? 0, source };
      }),
    };
  }

  /**
   * Lists a provider's models through the real client, with the form's unsaved URL and key. Why the
   * key rule: a key saved (or set in the environment) for one URL is never sent to another one typed
   * in the form; testing a new URL needs its own key.
   */
  async testProvider(name: string, baseUrl: string | undefined, apiKey: string | undefined): Promise<{ ok: true; models: string[] } | { ok: false; message: string }> {
    const loaded = this.runConfig();
    const entry = { ...loaded.config.providers[name] };
    const url = baseUrl?.trim();
    if (url) {
      if (!isHttpUrl(url)) throw badInput('baseUrl', `expected an http(s) URL like https://api.example.com/v1, got ${JSON.stringify(url)}`);
      if (url !== entry.base_url) delete entry.api_key;
      entry.base_url = url;
    }
    if (apiKey?.trim()) entry.api_key = apiKey.trim();
    try {
      const llm = createLlmService({ settings: { providers: { ...loaded.config.providers, [name]: entry }, provider: name, llm: { retries: 0, request_timeout: 10 } } });
      const models = await llm.listModels(AbortSignal.timeout(15_000));
      return { ok: true, models: models.slice(0, 500) };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }

  handlers(): HandlersFor<'settings.get' | 'settings.setProvider' | 'settings.update' | 'settings.testProvider'> {
    return {
      'settings.get': () => this.view(),
      'settings.setProvider': async ({ name, baseUrl, model, apiKey }) => {
        if (!PROVIDER_NAME.test(name)) throw badInput('name', 'expected a provider name of letters, digits, ".", "_" or "-"');
        if (name === 'mock') throw badInput('name', 'the mock provider has no settings');
        const url = baseUrl?.trim();
        if (url && !isHttpUrl(url)) throw badInput('baseUrl', `expected an http(s) URL like https://api.example.com/v1, got ${JSON.stringify(url)}`);
        const key = apiKey?.trim();
        if (key !== undefined && (key.length > 4096 || /[\r\n]/.test(key))) throw badInput('apiKey', 'expected one line of at most 4096 characters');
        const settings = this.deps.store.get();
        // An empty string clears a field; an absent one keeps what was saved.
        const saved = settings.providers[name] ?? {};
        const nextUrl = url === undefined ? saved.baseUrl : url || undefined;
        const nextModel = model === undefined ? saved.model : model.trim() || undefined;
        const configured = this.baseConfig().config.providers[name];
        if (!isKnown(name) && !nextUrl && !configured?.base_url) throw badInput('baseUrl', `a custom provider needs the URL of its OpenAI-compatible endpoint`);
        // The key was saved for the URL in effect then: a new URL without a new key must not get it.
        const urlChanged = (nextUrl ?? configured?.base_url) !== (saved.baseUrl ?? configured?.base_url);
        // A key from the configuration file cannot be dropped here: pointing its provider elsewhere needs a key typed again.
        if (urlChanged && !key && !this.deps.secrets.has(name) && configured?.api_key) {
          throw badInput('apiKey', `changing the URL of '${name}' needs its API key again (the key in your configuration stays bound to the server it was configured for)`);
        }
        settings.providers[name] = { ...(nextUrl ? { baseUrl: nextUrl } : {}), ...(nextModel ? { model: nextModel } : {}) };
        await this.deps.store.save(settings);
        if (key !== undefined) await this.deps.secrets.set(name, key || undefined);
        else if (urlChanged && this.deps.secrets.has(name)) await this.deps.secrets.set(name, undefined);
        return this.view();
      },
      'settings.testProvider': ({ name, baseUrl, apiKey }) => this.testProvider(name, baseUrl, apiKey),
      'settings.update': async ({ currentProvider, limits, libraryFolders, prices }) => {
        const settings = this.deps.store.get();
        if (currentProvider !== undefined) {
          const known = new Set(['mock', ...KNOWN_PROVIDERS, ...Object.keys(this.runConfig().config.providers)]);
          if (!known.has(currentProvider)) throw badInput('currentProvider', `expected one of ${[...known].join(', ')}, got ${JSON.stringify(currentProvider)}`);
          settings.currentProvider = currentProvider;
        }
        if (limits?.timeout !== undefined) settings.limits.timeout = positive('limits.timeout', limits.timeout, 24 * 3600);
        if (limits?.memory !== undefined) settings.limits.memory = positive('limits.memory', limits.memory, 64 * 1024);
        if (limits?.cost === null) delete settings.limits.cost;
        else if (limits?.cost !== undefined) settings.limits.cost = positive('limits.cost', limits.cost, 1_000_000);
        for (const [model, price] of Object.entries(prices ?? {})) {
          if (!PRICE_KEY.test(model)) throw badInput(`prices.${model}`, 'expected a model id of letters, digits, ".", "_", "-", ":", "@" or "/"');
          if (price === null) delete settings.prices[model];
          else settings.prices[model] = { input: price.input, output: price.output };
        }
        if (libraryFolders !== undefined) {
          libraryFolders.forEach((folder, i) => {
            if (!folder.trim()) throw badInput(`libraryFolders[${i}]`, 'expected a folder path, got an empty string');
          });
          settings.libraryFolders = libraryFolders.map((folder) => folder.trim());
        }
        await this.deps.store.save(settings);
        return this.view();
      },
    };
  }
}

/** The LLM service a run would build from this configuration (no call is made). */
function llmFor({ config, origins }: LoadedConfig, choose: boolean): LlmService {
  // As in createRunServices: a provider the configuration merely defaulted to is no choice.
  const chosen = choose && origins.provider && origins.provider !== 'default' ? config.provider : undefined;
  return createLlmService({ settings: { providers: config.providers, provider: chosen, model: config.model, llm: config.llm } });
}

/** A model id as a price key (as the configuration's `prices` accepts it). */
const PRICE_KEY = /^[A-Za-z0-9][A-Za-z0-9._:@/-]*$/;

function positive(field: string, value: number, max: number): number {
  if (!Number.isFinite(value) || value <= 0 || value > max) throw badInput(field, `expected a number above 0 and at most ${max}, got ${value}`);
  return value;
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}
