import semver from 'semver';
import type { SpellDependency } from '../contract/spell-manifest-fields';
import type { SpellLibrary } from './library/spell-library';

/** One dependency of a spell, checked against the library. */
export interface DependencyStatus extends SpellDependency {
  /** The version found in the library, if any. */
  found?: string;
  ok: boolean;
}

/**
 * Names a go-llmspell manifest uses for the runtime itself (`go-llmspell: ">=0.1.0"`): this host
 * provides its Lua API, so they are met without a spell in the library.
 */
export const HOST_PROVIDED = new Set(['go-llmspell', 'llmspell']);

/**
 * Checks a spell's `dependencies` against the library (semver ranges, via the `semver` package):
 * which are present in a matching version, which are missing or too old/new.
 */
export function checkDependencies(dependencies: readonly SpellDependency[], library: SpellLibrary): DependencyStatus[] {
  return dependencies.map((dependency) => {
    if (HOST_PROVIDED.has(dependency.name)) return { ...dependency, found: 'host', ok: true };
    const entry = library.find(dependency.name);
    if (!entry) return { ...dependency, ok: false };
    const ok = semver.valid(entry.version) !== null && semver.satisfies(entry.version, dependency.range, { includePrerelease: true });
    return { ...dependency, found: entry.version, ok };
  });
}

/** One line per dependency: `summarizer ^1.0.0: 1.2.0 installed` or what is wrong. */
export function describeDependencies(statuses: readonly DependencyStatus[]): string[] {
  return statuses.map((s) => {
    if (s.ok && s.found === 'host') return `${s.name} ${s.range}: provided by this host (go-llmspell compatible API)`;
    if (s.ok) return `${s.name} ${s.range}: ${s.found} in the library`;
    if (s.found) return `${s.name} ${s.range}: the library has ${s.found}, which does not match`;
    return `${s.name} ${s.range}: missing (install it: llmspell install ${s.name}-<version>.spell)`;
  });
}
