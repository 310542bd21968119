import type { SpellEngine } from './spell-manifest-fields';
import type { SpellParameter } from './spell-parameter';

/**
 * One spell in the library index: what browsing and searching need, read from its manifest (or
 * defaults for a folder or file without one). Indexing never executes a spell.
 */
export interface SpellIndexEntry {
  name: string;
  /** `0.0.0` when the spell has no manifest. */
  version: string;
  description: string;
  tags: string[];
  /** `workflow` for a workflow file (`*.workflow.yaml|json`), which the workflow engine runs. */
  engine: SpellEngine | 'workflow';
  parameters: SpellParameter[];
  /** Absolute path of the spell folder, or of the file for a single-file spell. */
  path: string;
  /** The library folder it was found in. */
  folder: string;
  /** Whether it has a spell.yaml. */
  hasManifest: boolean;
  /** Why its manifest is invalid (`spell.yaml:3: version: ...`); absent when it is valid. */
  problems?: string[];
}

/** A library search: words that must all appear (name, description, tags), and an optional tag. */
export interface SpellQuery {
  text?: string;
  tag?: string;
}
