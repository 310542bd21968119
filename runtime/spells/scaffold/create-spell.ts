import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SpellName } from '../../contract/spell-manifest-fields';
import { TEMPLATES, type TemplateName } from './templates';
import { TENGO_SOURCES, TENGO_TESTS } from './templates-tengo';

/** Options of {@link createSpell}. */
export interface CreateSpellOptions {
  /** The folder to create the spell folder in. */
  parent: string;
  engine: 'lua' | 'javascript' | 'tengo';
  template: TemplateName;
  /** Replaces the template's description. */
  description?: string;
  /** Parameters declared beside the template's own (`llmspell create` asks for them in a terminal). */
  parameters?: { name: string; type: string }[];
}

/** Why a spell could not be created (a bad name, an existing folder). */
export class CreateSpellError extends Error {
  override name = 'CreateSpellError';
}

/**
 * Scaffolds `<parent>/<name>/`: spell.yaml, main.lua or main.js, README.md and
 * tests/<name>.test.lua (.test.tengo for a Tengo spell). Refuses an invalid name or an existing folder; returns the files written.
 */
export function createSpell(name: string, options: CreateSpellOptions): { dir: string; files: string[] } {
  if (!SpellName.safeParse(name).success) throw new CreateSpellError(`invalid spell name '${name}': use kebab-case, like my-spell`);
  const dir = path.resolve(options.parent, name);
  if (existsSync(dir)) throw new CreateSpellError(`${dir} already exists; choose another name or remove it`);
  const t = TEMPLATES[options.template];
  const fill = (text: string) => text.replaceAll('{{name}}', name);
  const entry = options.engine === 'lua' ? 'main.lua' : options.engine === 'tengo' ? 'main.tengo' : 'main.js';
  const source = options.engine === 'lua' ? t.lua : options.engine === 'tengo' ? TENGO_SOURCES[options.template] : t.js;
  const extra = (options.parameters ?? []).map((p) => `  - name: ${p.name}\n    type: ${p.type}\n`).join('');
  const manifest = [
    `name: ${name}`,
    'version: 0.1.0',
    `description: ${JSON.stringify(options.description ?? t.description)}`,
    `engine: ${options.engine}`,
    `entry: ${entry}`,
    `tags: [${t.tags.join(', ')}]`,
    'parameters:',
    (t.parameters + extra).trimEnd(),
    ...(t.permissions ? ['permissions:', t.permissions.trimEnd()] : []),
    '',
  ].join('\n');
  const readme = `# ${name}

${options.description ?? t.description}

\`\`\`sh
llmspell run ${name}          # from the folder that holds it, or once installed
llmspell info ${name}         # its parameters and permissions
llmspell test ${name}         # runs tests/ with the mock LLM
\`\`\`
`;
  const files: [string, string][] = [
    ['spell.yaml', manifest],
    [entry, fill(source)],
    ['README.md', readme],
    options.engine === 'tengo'
      ? [`tests/${name}.test.tengo`, `// Tests of ${name}, run by \`llmspell test\` with the mock LLM.\n${fill(TENGO_TESTS[options.template])}`]
      : [`tests/${name}.test.lua`, `-- Tests of ${name}, run by \`llmspell test\` with the mock LLM.\n${fill(t.test)}`],
  ];
  mkdirSync(path.join(dir, 'tests'), { recursive: true });
  for (const [file, text] of files) writeFileSync(path.join(dir, file), text, { flag: 'wx' });
  return { dir, files: files.map(([file]) => file) };
}
