// The Tengo conformance suite: every case in conformance/*.cases is a program and the output (or the
// error) Tengo's documentation says it gives. Cases run in-process on the interpreter; the engine
// tests run Tengo through the CLI.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTengo } from '../../../../runtime/engines/tengo/interpreter';

const dir = path.join(import.meta.dirname, 'conformance');

interface Case {
  name: string;
  source: string;
  out?: string;
  error?: string;
  /** Extra files a case can import: `--- file name.tengo`. */
  files: Record<string, string>;
}

/** `=== name` starts a case; `--- out`, `--- error` and `--- file NAME` start its sections. */
function parseCases(text: string): Case[] {
  const cases: Case[] = [];
  let current: Case | undefined;
  let section = 'source';
  let fileName = '';
  const lines: string[] = [];
  const flush = () => {
    if (!current) return;
    const body = lines.join('\n');
    if (section === 'source') current.source = body;
    else if (section === 'out') current.out = body;
    else if (section === 'error') current.error = body;
    else current.files[fileName] = body;
    lines.length = 0;
  };
  for (const line of text.split('\n')) {
    const start = /^=== (.+)$/.exec(line);
    const sec = /^--- (out|error|file (\S+))$/.exec(line);
    if (start) {
      flush();
      current = { name: start[1]!, source: '', files: {} };
      cases.push(current);
      section = 'source';
    } else if (sec && current) {
      flush();
      section = sec[1]!.startsWith('file') ? 'file' : sec[1]!;
      fileName = sec[2] ?? '';
    } else if (current) lines.push(line);
  }
  flush();
  return cases;
}

function run(c: Case): { out: string; error?: string } {
  let out = '';
  try {
    runTengo(c.source, 'main.tengo', {
      write: (s) => (out += s),
      maxSteps: 50_000_000,
      readSource: (name, from) => {
        const file = path.posix.normalize(path.posix.join(path.posix.dirname(from), name.endsWith('.tengo') ? name : `${name}.tengo`));
        const source = c.files[file];
        return source === undefined ? undefined : { file, source };
      },
    });
    return { out };
  } catch (e) {
    return { out, error: e instanceof Error ? e.message : String(e) };
  }
}

for (const file of readdirSync(dir).filter((f) => f.endsWith('.cases')).sort()) {
  describe(`tengo conformance: ${file}`, () => {
    for (const c of parseCases(readFileSync(path.join(dir, file), 'utf8'))) {
      it(c.name, () => {
        const r = run(c);
        if (c.error !== undefined) {
          expect(r.error, `output so far: ${r.out}`).toBe(c.error.trimEnd());
          if (c.out !== undefined) expect(r.out.trimEnd()).toBe(c.out.trimEnd());
        } else {
          expect(r.error).toBeUndefined();
          expect(r.out.trimEnd()).toBe((c.out ?? '').trimEnd());
        }
      });
    }
  });
}
