import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from '../../renderer/features/help/markdown';

describe('the Help panel Markdown reader', () => {
  it('reads headings, paragraphs, fenced code, lists and tables', () => {
    const blocks = parseMarkdown(
      '<!-- generated -->\n# Title\n\nOne line\nand the next.\n\n```lua runnable\nprint("x")\n\n-- kept\n```\n\n- a\n- b `c`\n\n1. one\n2. two\n\n| k | v |\n|---|---|\n| `a\\|b` | 1 |\n',
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: [{ kind: 'text', text: 'Title' }] },
      { kind: 'paragraph', text: [{ kind: 'text', text: 'One line and the next.' }] },
      { kind: 'code', lang: 'lua', code: 'print("x")\n\n-- kept' },
      { kind: 'list', ordered: false, items: [[{ kind: 'text', text: 'a' }], [{ kind: 'text', text: 'b ' }, { kind: 'code', text: 'c' }]] },
      { kind: 'list', ordered: true, items: [[{ kind: 'text', text: 'one' }], [{ kind: 'text', text: 'two' }]] },
      { kind: 'table', header: [[{ kind: 'text', text: 'k' }], [{ kind: 'text', text: 'v' }]], rows: [[[{ kind: 'code', text: 'a|b' }], [{ kind: 'text', text: '1' }]]] },
    ]);
  });

  it('reads inline code, bold and links, and keeps HTML as plain text', () => {
    expect(parseInline('see [the cookbook](cookbook.md), **now**: `x < y` <img src=x onerror=alert(1)>')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'the cookbook', href: 'cookbook.md' },
      { kind: 'text', text: ', ' },
      { kind: 'bold', text: 'now' },
      { kind: 'text', text: ': ' },
      { kind: 'code', text: 'x < y' },
      { kind: 'text', text: ' <img src=x onerror=alert(1)>' },
    ]);
  });
});
