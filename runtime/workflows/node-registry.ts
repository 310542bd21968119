/**
 * Node types by name. Built once from a list (one line per type in registry.ts); a second type with
 * a taken name throws at once, so a clash shows up in the first test run.
 */
import type { AnyNodeDefinition } from './node-types';

/** Node types by name, in registration order. */
export class NodeRegistry {
  private readonly types = new Map<string, AnyNodeDefinition>();

  constructor(definitions: readonly AnyNodeDefinition[] = []) {
    for (const definition of definitions) this.register(definition);
  }

  /** Adds a type; throws when its name is taken. */
  register(definition: AnyNodeDefinition): void {
    if (this.types.has(definition.type)) throw new Error(`workflow node type '${definition.type}' is registered twice`);
    this.types.set(definition.type, definition);
  }

  /** The type called `name`, if any. */
  get(name: string): AnyNodeDefinition | undefined {
    return this.types.get(name);
  }

  /** Every type, in registration order. */
  list(): AnyNodeDefinition[] {
    return [...this.types.values()];
  }

  /** Every type name, in registration order. */
  names(): string[] {
    return [...this.types.keys()];
  }
}
