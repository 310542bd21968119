/**
 * Scaffolds `<parent>/<name>.workflow.yaml`: a real workflow file with an input, an llm and an output
 * node, connected, with canvas positions, that validates and runs as it is (offline on the mock).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SpellName } from '../../contract/spell-manifest-fields';
import { CreateSpellError } from './create-spell';

/** The text of a new workflow called `name`. */
export function workflowTemplate(name: string): string {
  return `# ${name}: asks the model about a topic and returns its answer.
#   llmspell run ${name}.workflow.yaml topic="tide pools"
name: ${name}
version: 0.1.0
description: Asks the model about a topic and returns its answer.
tags: [llm, workflow]
inputs:
  topic:
    type: string
    description: What to ask about
    default: tide pools
outputs:
  answer:
    type: string
    description: The model's answer
nodes:
  - id: topic
    type: input
    position: { x: 0, y: 0 }
    config: { name: topic, type: string }
  - id: ask
    type: llm
    position: { x: 280, y: 0 }
    config:
      prompt: "Tell me three short facts about {{topic}}."
  - id: answer
    type: output
    position: { x: 560, y: 0 }
    config: { name: answer, type: string }
edges:
  - { from: topic, to: ask.topic }
  - { from: ask, to: answer }
`;
}

/** Writes a new workflow file; refuses a bad name or an existing file. Returns its path. */
export function createWorkflow(name: string, parent: string): { file: string } {
  if (!SpellName.safeParse(name).success) throw new CreateSpellError(`invalid workflow name '${name}': use kebab-case, like my-flow`);
  const file = path.resolve(parent, `${name}.workflow.yaml`);
  if (existsSync(file)) throw new CreateSpellError(`${file} already exists; choose another name or remove it`);
  mkdirSync(parent, { recursive: true });
  writeFileSync(file, workflowTemplate(name), { flag: 'wx' });
  return { file };
}
