/**
 * The questions `llmspell create` asks when run in a terminal without a name or flags: name, engine,
 * template, description and parameters. Each answer is checked at once and asked again (three tries)
 * when wrong; an empty answer takes the default shown in brackets.
 */
import type { RunInput } from '../bridges/io';
import { SpellName } from '../contract/spell-manifest-fields';
import { PARAMETER_TYPES, type ParameterType } from '../contract/spell-parameter';
import { TEMPLATE_NAMES, TEMPLATES, type TemplateName } from '../spells/scaffold/templates';

/** A parameter the user asked for: `topic:string`. */
export interface AskedParameter {
  name: string;
  type: ParameterType;
}

/** Everything the questions gathered. */
export interface CreateAnswers {
  name: string;
  engine: 'lua' | 'js' | 'tengo';
  template: TemplateName | 'workflow';
  description?: string;
  parameters: AskedParameter[];
}

const TRIES = 3;

/** `topic:string, count:integer` → parameters; a bare name is a string. Throws with what is wrong. */
export function parseParameterList(text: string): AskedParameter[] {
  if (text.trim() === '') return [];
  return text.split(',').map((part) => {
    const [rawName = '', rawType = 'string'] = part.split(':').map((s) => s.trim());
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(rawName)) throw new Error(`'${rawName}' is not a parameter name (letters, digits and _)`);
    if (!(PARAMETER_TYPES as readonly string[]).includes(rawType)) throw new Error(`'${rawType}' is not a type: use ${PARAMETER_TYPES.join(', ')}`);
    return { name: rawName, type: rawType as ParameterType };
  });
}

/** Asks the questions on `out`, reading answers from `input`. Throws when input ends or an answer stays wrong. */
export async function askCreateQuestions(input: RunInput, out: NodeJS.WritableStream): Promise<CreateAnswers> {
  const never = new AbortController().signal; // questions wait as long as the user needs
  const ask = async <T>(question: string, fallback: string | undefined, check: (answer: string) => T): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      out.write(`? ${question}${fallback !== undefined ? ` [${fallback}]` : ''}: `);
      const line = await input.readLine(never);
      if (line === null) throw new Error(`no answer to "${question}": input ended`);
      const answer = line.trim() === '' && fallback !== undefined ? fallback : line.trim();
      try {
        return check(answer);
      } catch (error) {
        if (attempt >= TRIES) throw error;
        out.write(`  ${(error as Error).message}\n`);
      }
    }
  };
  const oneOf = <T extends string>(options: readonly T[], what: string) => (answer: string): T => {
    if (!(options as readonly string[]).includes(answer)) throw new Error(`'${answer}' is not ${what}: use ${options.join(', ')}`);
    return answer as T;
  };
  const name = await ask('Spell name (kebab-case, like my-spell)', undefined, (answer) => {
    if (!SpellName.safeParse(answer).success) throw new Error(`'${answer}' is not a spell name: use kebab-case, like my-spell`);
    return answer;
  });
  const engine = await ask('Engine (lua, js or tengo)', 'lua', oneOf(['lua', 'js', 'tengo'] as const, 'an engine'));
  const template = await ask(`Template (${[...TEMPLATE_NAMES, 'workflow'].join(', ')})`, 'basic', oneOf([...TEMPLATE_NAMES, 'workflow'] as const, 'a template'));
  if (template === 'workflow') return { name, engine, template, parameters: [] };
  const description = await ask('Description', TEMPLATES[template].description, (answer) => answer);
  const parameters = await ask('More parameters, as name:type separated by commas', '', parseParameterList);
  return { name, engine, template, description, parameters };
}
