/**
 * Code blocks of the docs that a test executes. A fence's info string marks them:
 *   ```lua runnable            written to a file and run with `llmspell run` (lua, js, tengo, yaml workflows)
 *   ```lua runnable file=x.lua  the same, under that name (later blocks of the page may use it)
 *   ```yaml runnable file=spell.yaml write-only   only written (a manifest, a test file, a config)
 *   ```sh runnable             each `llmspell ...` line run in the page's folder
 *   ```text output             right after one of the above: every line must appear in its output
 * Add `fails` to expect a non-zero exit.
 */
export interface DocBlock {
  lang: string;
  code: string;
  file?: string;
  writeOnly: boolean;
  fails: boolean;
  /** Lines the output must contain. */
  expect: string[];
  /** 1-based line of the fence, for failure messages. */
  line: number;
}

const EXT: Record<string, string> = { lua: 'lua', js: 'js', javascript: 'js', tengo: 'tengo', yaml: 'workflow.yaml' };

export function runnableBlocks(markdown: string): DocBlock[] {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const [, lang, info] = open as unknown as [string, string, string];
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    const flags = info.split(/\s+/);
    if (lang === 'text' && flags.includes('output')) {
      const last = blocks.at(-1);
      if (last) last.expect.push(...body.filter((l) => l.trim() !== ''));
      continue;
    }
    if (!flags.includes('runnable')) continue;
    const file = flags.find((f) => f.startsWith('file='))?.slice(5);
    blocks.push({ lang, code: `${body.join('\n')}\n`, ...(file ? { file } : {}), writeOnly: flags.includes('write-only'), fails: flags.includes('fails'), expect: [], line: start + 1 });
  }
  return blocks;
}

export const extensionOf = (lang: string): string | undefined => EXT[lang];

/** Splits one shell line into arguments: plain words, "double" and 'single' quoted strings. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) words.push(m[1]?.replace(/\\(.)/g, '$1') ?? m[2] ?? m[3]!);
  return words;
}
