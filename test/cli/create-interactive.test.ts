/**
 * `llmspell create` asks for what it needs (name, engine, template, description, parameters) when
 * run interactively, re-asking a wrong answer; without a terminal and without a name it stays a
 * usage error, as scripts expect.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';

const ws = tempWorkspace('llmspell-create-');
afterAll(() => ws.cleanup());
const env = { HOME: ws.dir };

describe('llmspell create, interactively', () => {
  it('asks, re-asks a bad answer, and scaffolds a spell that validates and runs', async () => {
    const answers = ['Bad Name', 'asked-spell', 'lua', 'basic', 'Greets politely.', 'times:integer, loud:boolean', ''].join('\n');
    const created = await runCli(['create', '--interactive'], { cwd: ws.dir, env, input: answers });
    expect(created.code).toBe(0);
    expect(created.stderr).toContain("? Spell name (kebab-case, like my-spell): ");
    expect(created.stderr).toContain("'Bad Name' is not a spell name: use kebab-case, like my-spell");
    expect(created.stderr).toContain('? Engine (lua, js or tengo) [lua]: ');
    expect(created.stdout).toContain('created asked-spell/: spell.yaml, main.lua, README.md, tests/asked-spell.test.lua');
    const manifest = readFileSync(path.join(ws.dir, 'asked-spell', 'spell.yaml'), 'utf8');
    expect(manifest).toContain('description: "Greets politely."');
    expect(manifest).toContain('  - name: times\n    type: integer\n  - name: loud\n    type: boolean\n');
    expect((await runCli(['validate', 'asked-spell'], { cwd: ws.dir, env })).code).toBe(0);
    const ran = await runCli(['run', 'asked-spell', 'times=2', 'loud=yes'], { cwd: ws.dir, env });
    expect(ran.stdout).toBe('Hello, world!\n');
  });

  it('stops with a clear message when the answers run out, and stays flag-driven without a terminal', async () => {
    const cut = await runCli(['create', '-i'], { cwd: ws.dir, env, input: 'half-done\n' });
    expect(cut.code).toBe(2);
    expect(cut.stderr).toContain('no answer to "Engine (lua, js or tengo)": input ended');
    const bare = await runCli(['create'], { cwd: ws.dir, env });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('which name? e.g. llmspell create my-spell');
    const flags = await runCli(['create', 'flag-spell', '--engine', 'js'], { cwd: ws.dir, env });
    expect(flags.stdout).toContain('created flag-spell/: spell.yaml, main.js');
  });
});
