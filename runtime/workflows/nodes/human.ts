/**
 * `human`: pauses for a value from a person. Emits `input-requested` and waits for the run's
 * human-input provider (the CLI prompts on the terminal; the studio shows a form), then converts
 * the answer to the asked kind.
 */
import type { HumanInputRequest } from '../../contract/workflow-events';
import { renderText } from '../expression/template';
import { humanDescription, type HumanConfig as Config } from '../../contract/workflow-nodes/data';
import { defineNode } from '../node-types';


/** Converts an answer to `request.kind`; throws saying what was expected. */
export function convertAnswer(request: HumanInputRequest, raw: string): unknown {
  const answer = raw.trim();
  if (answer === '' && request.default !== undefined) return request.default;
  switch (request.kind) {
    case 'number': {
      const n = Number(answer);
      if (answer === '' || Number.isNaN(n)) throw new Error(`expected a number, got "${answer}"`);
      return n;
    }
    case 'boolean':
      if (/^(y|yes|true|1|on)$/i.test(answer)) return true;
      if (/^(n|no|false|0|off)$/i.test(answer)) return false;
      throw new Error(`expected yes or no, got "${answer}"`);
    case 'choice': {
      const choices = request.choices ?? [];
      const picked = choices.find((c) => c.toLowerCase() === answer.toLowerCase()) ?? (/^\d+$/.test(answer) ? choices[Number(answer) - 1] : undefined);
      if (picked === undefined) throw new Error(`expected one of ${choices.join(', ')}, got "${answer}"`);
      return picked;
    }
    default:
      return raw.replace(/\r?\n$/, '');
  }
}

/** The `human` node type. */
export const humanNode = defineNode<Config>({
  ...humanDescription,
  cacheable: true,
  templates: (c) => [{ path: ['prompt'], value: c.prompt }],
  check: (c) => ((c.kind === 'choice') === (c.choices !== undefined) ? [] : [{ path: ['choices'], message: 'choices go with kind: choice (and kind: choice needs them)' }]),
  async run(ctx) {
    const c = ctx.config;
    const human = ctx.host.human;
    if (!human) throw new Error('no one to ask: this run has no human input (the CLI asks on the terminal, the studio shows a form)');
    const request: HumanInputRequest = {
      requestId: `${ctx.id}#${Date.now().toString(36)}`,
      nodeId: ctx.id,
      prompt: renderText(c.prompt, ctx.scope),
      kind: c.kind ?? 'text',
      ...(c.choices ? { choices: c.choices } : {}),
      ...(c.default !== undefined ? { default: c.default } : {}),
    };
    ctx.emit({ type: 'input-requested', request });
    return { output: convertAnswer(request, await human.ask(request, ctx.signal)) };
  },
});
