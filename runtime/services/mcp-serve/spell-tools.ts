/**
 * Spells as MCP tools: which spells `llmspell mcp serve` offers (spells and folders of spells named
 * on the command line, else the library), each with its tool name and the JSON Schema of its
 * parameters. Reading spells never runs them.
 */
import { statSync } from 'node:fs';
import type { SpellParameter } from '../../contract/spell-parameter';
import type { SpellLibrary } from '../../spells/library/spell-library';
import { scanFolder } from '../../spells/library/scan-folder';
import { locateSpell } from '../../spells/prepare-run';
import { resolveSpell, SpellNotFound, type ResolvedSpell } from '../../spells/resolve-spell';

/** One spell offered as a tool. */
export interface SpellTool {
  name: string;
  description: string;
  inputSchema: { type: 'object'; properties: Record<string, Record<string, unknown>>; required?: string[]; additionalProperties?: boolean };
  spell: ResolvedSpell;
}

/** MCP tool names: letters, digits, `_`, `-` and `.`, 1 to 64 characters. */
const TOOL_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * The spells `targets` name (a spell file or folder, a folder of spells, or a name in the library),
 * or every runnable spell of the library when there are none; sorted by name. Two spells with one
 * name are refused.
 */
export function collectSpellTools(targets: readonly string[], cwd: string, library: () => SpellLibrary): SpellTool[] {
  const spells: ResolvedSpell[] = [];
  if (targets.length === 0) {
    for (const entry of library().entries()) if (entry.engine !== 'workflow' && !entry.problems?.length) spells.push(resolveSpell(entry.path, cwd));
  }
  for (const target of targets) {
    const full = locateSpell(target, cwd, library);
    try {
      spells.push(resolveSpell(full, cwd));
    } catch (error) {
      if (!(error instanceof SpellNotFound) || !statSync(full).isDirectory()) throw error;
      // Not a spell itself: a folder of spells.
      const found = scanFolder(full, new Map()).filter((s) => s.entry.engine !== 'workflow' && !s.entry.problems?.length);
      if (found.length === 0) throw new SpellNotFound(`${target}: neither a spell nor a folder of spells`);
      for (const { entry } of found) spells.push(resolveSpell(entry.path, cwd));
    }
  }
  const tools = spells.map(toTool).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const seen = new Map<string, string>();
  for (const tool of tools) {
    const other = seen.get(tool.name);
    if (other) throw new SpellNotFound(`two spells are named ${tool.name} (${other} and ${tool.spell.entryPath}): serve one of them`);
    seen.set(tool.name, tool.spell.entryPath);
  }
  return tools;
}

function toTool(spell: ResolvedSpell): SpellTool {
  // A name MCP clients cannot call is made callable rather than refused: spaces and such become `_`.
  const name = TOOL_NAME.test(spell.name) ? spell.name : spell.name.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64) || 'spell';
  return { name, description: spell.manifest?.description || `The llmspell spell ${spell.name}.`, inputSchema: parametersSchema(spell.manifest?.parameters), spell };
}

/** The JSON Schema of a spell's parameters; a spell without declarations takes any string values. */
export function parametersSchema(parameters: SpellParameter[] | undefined): SpellTool['inputSchema'] {
  if (!parameters) return { type: 'object', properties: {}, additionalProperties: true };
  const properties: Record<string, Record<string, unknown>> = {};
  for (const p of parameters) {
    const schema: Record<string, unknown> = { type: p.type };
    if (p.description) schema.description = p.description;
    if (p.default !== undefined) schema.default = p.default;
    if (p.enum) schema.enum = p.enum;
    if (p.pattern) schema.pattern = p.pattern;
    // min/max bound the value of a number, the length of a string, the item count of a list.
    const [lo, hi] = p.type === 'string' ? ['minLength', 'maxLength'] : p.type === 'array' ? ['minItems', 'maxItems'] : p.type === 'number' || p.type === 'integer' ? ['minimum', 'maximum'] : [];
    if (lo && p.min !== undefined) schema[lo] = p.min;
    if (hi && p.max !== undefined) schema[hi] = p.max;
    properties[p.name] = schema;
  }
  const required = parameters.filter((p) => p.required && p.default === undefined).map((p) => p.name);
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}
