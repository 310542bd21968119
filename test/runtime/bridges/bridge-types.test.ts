/**
 * types/llmspell.d.ts, types/llmspell.lua and types/llmspell.tengo.md are generated from the bridge description (`npm run gen`):
 * the committed files must be what the generator writes today, and the .d.ts must type-check a spell.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { modulesFor } from '../../../runtime/contract/bridge-api';
import { renderDts } from '../../../runtime/bridges/typings/render-dts';
import { renderMarkdown } from '../../../runtime/bridges/typings/render-markdown';
import { renderLuaCats } from '../../../runtime/bridges/typings/render-luacats';
import { renderTengo } from '../../../runtime/bridges/typings/render-tengo';
import { ROOT } from '../../helpers/cli';

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('generated typing files', () => {
  it('are up to date with the bridge description (run `npm run gen`)', () => {
    expect(read('types/llmspell.d.ts')).toBe(renderDts());
    expect(read('types/llmspell.lua')).toBe(renderLuaCats());
    expect(read('docs/api-reference.md')).toBe(renderMarkdown());
    expect(read('types/llmspell.tengo.md')).toBe(renderTengo());
  });

  it('describe every Tengo bridge module as an import, with Tengo\'s error values', () => {
    const md = read('types/llmspell.tengo.md');
    const modules = modulesFor('tengo');
    expect(modules.map((m) => m.module.name)).toEqual(expect.arrayContaining(['llm', 'tools', 'agents', 'workflow', 'storage', 'http', 'log', 'io']));
    // Tengo's own json stays Tengo's; promises need a scheduler a Tengo spell does not have.
    expect(modules.map((m) => m.module.name)).not.toContain('json');
    expect(modules.map((m) => m.module.name)).not.toContain('promise');
    for (const { module, functions } of modules) {
      expect(md).toContain(`## \`${module.name} := import("${module.name}")\``);
      for (const fn of functions) expect(md).toContain(`\`${module.name}.${fn.name}(`);
    }
    expect(md).toContain('`llm.chat(prompt, opts?) → string | error`');
    expect(md).toContain('`params := import("params")`');
  });

  it('declare every Lua function as LuaCATS', () => {
    const lua = read('types/llmspell.lua');
    expect(lua.startsWith('---@meta\n')).toBe(true);
    for (const { module, functions } of modulesFor('lua')) {
      for (const fn of functions) expect(lua).toContain(`function ${module.name}.${fn.name}(`);
    }
  });

  it('type-check a JavaScript spell, and catch its mistakes', () => {
    const spell = [
      'export default async function main(p: typeof params): Promise<string> {',
      '  const answer: string = await llm.chat("hi", { maxTokens: 5, model: p.model });',
      '  tools.register({ name: "t", description: "d", run: (args) => args.n });',
      '  const agent = agents.create({ name: "a", systemPrompt: "s", tools: ["t"], maxSteps: 3 });',
      '  const r = await fetch("https://example.com", { headers: { a: "b" } });',
      '  setTimeout(() => console.log(r.status, r.headers.get("x")), 10);',
      '  try { await storage.read("x.txt"); } catch (e) { if (e instanceof SpellError) log.warn(e.code); }',
      '  await workflow.parallel([() => llm.chat("a"), async () => 1]);',
      '  return answer + (await agent.run("go"));',
      '}',
      'llm.chat(42);',
    ].join('\n');
    const files: Record<string, string> = { '/spell.ts': spell, '/llmspell.d.ts': read('types/llmspell.d.ts') };
    const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, lib: ['lib.es2022.d.ts'], types: [] };
    const host = ts.createCompilerHost(options);
    const original = host.getSourceFile.bind(host);
    host.getSourceFile = (name, version) => (files[name] !== undefined ? ts.createSourceFile(name, files[name]!, version) : original(name, version));
    host.fileExists = (name) => files[name] !== undefined || ts.sys.fileExists(name);
    const program = ts.createProgram(Object.keys(files), options, host);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName}:${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems, problems.join("\n")).toHaveLength(1);
    expect(problems[0]).toMatch(/^\/spell\.ts:Argument of type 'number' is not assignable to parameter of type 'string'/);
  });
});
