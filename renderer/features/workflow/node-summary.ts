/** A one-line summary of a node's config for its card on the canvas. */
import type { GraphNode } from '../../state';

const clip = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** What the node does, in a few words: its prompt, expression, tool, file ... */
export function summarize(node: GraphNode): string {
  const c = node.config;
  const str = (key: string) => (typeof c[key] === 'string' ? (c[key] as string) : undefined);
  switch (node.type) {
    case 'input':
      return str('name') ? `input ${str('name')}${str('type') ? `: ${str('type')}` : ''}` : 'every input';
    case 'output':
      return `output ${str('name') ?? 'output'}`;
    case 'llm':
    case 'agent':
    case 'human':
      return clip(str('prompt') ?? '(no prompt)');
    case 'tool':
      return `tool ${str('tool') ?? '?'}`;
    case 'condition': {
      if (str('expression')) return `if ${clip(str('expression')!)}`;
      const cls = c.classify as { labels?: unknown } | undefined;
      if (cls && Array.isArray(cls.labels)) return `classify: ${cls.labels.join(' | ')}`;
      return Array.isArray(c.cases) ? `${c.cases.length} cases` : '';
    }
    case 'loop':
      return c.count !== undefined ? `${String(c.count)} times` : c.for_each ? 'for each item' : str('while') ? `while ${clip(str('while')!)}` : str('until') ? `until ${clip(str('until')!)}` : '';
    case 'parallel':
      return c.branches ? `branches: ${Object.keys(c.branches as object).join(', ')}` : `each item → ${str('aggregate') ?? 'list'}`;
    case 'merge':
      return `merge as ${str('mode') ?? 'list'}`;
    case 'transform':
      return clip(str('template') ?? str('expression') ?? str('path') ?? (c.value !== undefined ? JSON.stringify(c.value) : ''));
    case 'script':
      return clip(`${str('language') ?? 'lua'}: ${(str('code') ?? '').split('\n')[0]}`);
    case 'spell':
      return `spell ${str('spell') ?? '?'}`;
    case 'workflow':
      return `runs ${str('workflow') ?? '?'}`;
    default:
      return '';
  }
}
