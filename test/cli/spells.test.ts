import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace, type CliResult } from '../helpers/cli';

const ws = tempWorkspace('llmspell-cli-spells-');
const home = path.join(ws.dir, 'home');
const project = path.join(ws.dir, 'project');
mkdirSync(project);
const env = { HOME: ws.dir, LLMSPELL_HOME: home };
const cli = (...args: string[]) => runCli(args, { cwd: project, env });
/** Fails with the command's stderr when its exit code is not the expected one. */
const exits = (result: CliResult, code: number) => expect(result.code, `stdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(code);
afterAll(() => ws.cleanup());

describe('llmspell create → validate → run', () => {
  it('scaffolds a spell that validates and runs with the mock provider', async () => {
    const created = await cli('create', 'greeter');
    exits(created, 0);
    expect(created.stdout).toContain('created greeter/: spell.yaml, main.lua, README.md, tests/greeter.test.lua');

    const valid = await cli('validate', 'greeter');
    exits(valid, 0);
    expect(valid.stdout).toBe('ok: greeter 0.1.0 (lua)\n');

    const run = await cli('run', 'greeter', 'name=Ada');
    exits(run, 0);
    expect(run.stdout).toBe('Hello, Ada!\n');

    // The scaffolded test passes too.
    exits(await cli('test', 'greeter'), 0);
  });

  it('scaffolds every template for both engines: each validates, runs and passes its own test', async () => {
    for (const template of ['basic', 'chat', 'agent', 'pipeline', 'tool']) {
      for (const engine of ['lua', 'js']) {
        const name = `${engine}-${template}`;
        exits(await cli('create', name, '--engine', engine, '--template', template, '--dir', 'tmpl'), 0);
        const valid = await cli('validate', `tmpl/${name}`);
        exits(valid, 0);
        expect(valid.stdout).toBe(`ok: ${name} 0.1.0 (${engine === 'js' ? 'javascript' : engine})\n`);
        const run = await cli('run', `tmpl/${name}`, ...(template === 'pipeline' ? ['topic=tea'] : []));
        exits(run, 0);
        expect(run.stdout.length).toBeGreaterThan(0);
        exits(await cli('test', `tmpl/${name}`), 0);
      }
    }
    expect(readFileSync(path.join(project, 'tmpl/js-chat/main.js'), 'utf8')).toContain('export default async function main(params)');
  }, 120_000);

  it('refuses bad names, existing folders, unknown templates and engines', async () => {
    expect((await cli('create', 'Bad_Name')).stderr).toContain("invalid spell name 'Bad_Name'");
    const again = await cli('create', 'greeter');
    exits(again, 2);
    expect(again.stderr).toContain('already exists');
    exits(await cli('create', 'x', '--template', 'nope'), 2);
    exits(await cli('create', 'x', '--engine', 'cobol'), 2);
  });
});

describe('llmspell run: parameters', () => {
  it('coerces typed parameters, applies defaults and reads --params', async () => {
    const dir = path.join(project, 'typed');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'spell.yaml'),
      'name: typed\nversion: 1.0.0\nparameters:\n  count:\n    type: integer\n    default: 2\n  loud:\n    type: boolean\n  tags:\n    type: array\n',
    );
    writeFileSync(path.join(dir, 'main.lua'), 'print(math.type(params.count), params.count, type(params.loud), params.loud, params.tags and #params.tags)\n');
    ws.write('params.json', '{"loud": true, "tags": ["a", "b", "c"]}');

    const defaults = await cli('run', 'typed');
    expect(defaults.stdout).toBe('integer\t2\tnil\tnil\tnil\n');
    const typed = await cli('run', 'typed', 'count=5', 'loud=no', 'tags=["x"]');
    expect(typed.stdout).toBe('integer\t5\tboolean\tfalse\t1\n');
    const fromFile = await cli('run', 'typed', '--params', '../params.json', 'count=7');
    exits(fromFile, 0);
    expect(fromFile.stdout).toBe('integer\t7\tboolean\ttrue\t3\n');
  });

  it('refuses unknown, malformed and missing required parameters before the spell runs', async () => {
    const dir = path.join(project, 'needs-url');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'spell.yaml'), 'name: needs-url\nversion: 1.0.0\nparameters:\n  - name: url\n    required: true\n    description: The page\n  - name: n\n    type: integer\n');
    writeFileSync(path.join(dir, 'main.lua'), 'print("ran")\n');
    const result = await cli('run', 'needs-url', 'n=many', 'colour=red');
    exits(result, 2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('invalid parameters:');
    expect(result.stderr).toContain('parameter \'n\': expected an integer, got "many"');
    expect(result.stderr).toContain("unknown parameter 'colour'; this spell takes url, n");
    expect(result.stderr).toContain("missing required parameter 'url' (The page): add url=...");
  });

  it('passes plain strings when there is no manifest', async () => {
    ws.write('plain.lua', 'print(type(params.n), params.n)\n');
    const result = await runCli(['run', '../plain.lua', 'n=3'], { cwd: project, env });
    expect(result.stdout).toBe('string\t3\n');
  });

  it('reports an invalid manifest with its lines', async () => {
    const dir = path.join(project, 'broken');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'spell.yaml'), 'name: broken\nversion: 1.0.0\nparameters:\n  - name: x\n    type: int\n');
    writeFileSync(path.join(dir, 'main.lua'), '');
    const run = await cli('run', 'broken');
    exits(run, 2);
    expect(run.stderr).toContain('broken/spell.yaml:5: parameters[0].type: expected one of string|number|integer|boolean|array|object, got "int"');
    const validate = await cli('validate', 'broken');
    exits(validate, 1);
    expect(validate.stderr).toContain('broken/spell.yaml:5: parameters[0].type');
  });

  it('reports a Lua syntax error without running the spell', async () => {
    const dir = path.join(project, 'syntax');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'main.lua'), 'print("fine")\nlocal x = = 1\n');
    const result = await cli('validate', 'syntax');
    exits(result, 1);
    expect(result.stderr).toContain('syntax error: syntax/main.lua:2:');
    expect(result.stdout).toBe('');
  });
});

describe('llmspell list / info and run by name', () => {
  it('lists, searches and shows library spells, and runs one by name', async () => {
    mkdirSync(path.join(project, 'spells'));
    renameSync(path.join(project, 'greeter'), path.join(project, 'spells/greeter'));
    renameSync(path.join(project, 'typed'), path.join(project, 'spells/typed'));
    mkdirSync(path.join(ws.dir, 'extra'));
    renameSync(path.join(project, 'tmpl/lua-chat'), path.join(ws.dir, 'extra/lua-chat'));
    writeFileSync(path.join(project, 'llmspell.yaml'), 'library:\n  folders: [../extra]\n');

    const list = await cli('list');
    exits(list, 0);
    expect(list.stdout.split('\n').map((l) => l.split(/\s+/)[0])).toEqual(['greeter', 'typed', 'lua-chat', '']);
    const byTag = await cli('list', '--tag', 'chat', '--json');
    expect((JSON.parse(byTag.stdout) as { name: string }[]).map((e) => e.name)).toEqual(['lua-chat']);
    const byText = await cli('list', 'greets');
    expect(byText.stdout).toMatch(/^greeter\s+0\.1\.0\s+lua\s+Greets someone by name\. \[example\]\n$/);

    const info = await cli('info', 'lua-chat');
    exits(info, 0);
    expect(info.stdout).toContain('lua-chat 0.1.0');
    expect(info.stdout).toMatch(/question\s+string, default "What is a spell\?"\s+The first question/);
    expect(info.stdout).toContain('llm: any provider; models: any model');

    const byName = await cli('run', 'lua-chat', 'question=Hi there');
    exits(byName, 0);
    expect(byName.stdout).toContain("I received your prompt: 'Hi there'");
    const missing = await cli('run', 'no-such-spell');
    exits(missing, 2);
    expect(missing.stderr).toContain('no spell named no-such-spell');
  });
});

describe('workflow files in the library', () => {
  it('creates a workflow file that validates, runs, and is listed and found beside spells', async () => {
    const created = await cli('create', 'my-flow', '--template', 'workflow', '--dir', 'spells');
    exits(created, 0);
    expect(created.stdout).toContain('created spells/my-flow.workflow.yaml');
    const text = readFileSync(path.join(project, 'spells/my-flow.workflow.yaml'), 'utf8');
    expect(text).toMatch(/type: input[\s\S]*type: llm[\s\S]*type: output/);
    exits(await cli('validate', 'spells/my-flow.workflow.yaml'), 0);
    const run = await cli('run', 'spells/my-flow.workflow.yaml', 'topic=tea');
    exits(run, 0);
    expect(run.stdout).toContain('Tell me three short facts about tea.');
    exits(await cli('create', 'my-flow', '--template', 'workflow', '--dir', 'spells'), 2);

    // A folder of workflows that is not a spell lists its files too, with their tags.
    mkdirSync(path.join(project, 'spells/flows'));
    writeFileSync(path.join(project, 'spells/flows/tidy.workflow.yaml'), 'name: tidy\ndescription: Tidies text.\ntags: [text]\nnodes:\n  - { id: o, type: output }\n');
    const list = await cli('list', '--json');
    const entries = JSON.parse(list.stdout) as { name: string; engine: string; tags: string[]; parameters: { name: string }[] }[];
    const flow = entries.find((e) => e.name === 'my-flow')!;
    expect(flow).toMatchObject({ engine: 'workflow', tags: ['llm', 'workflow'] });
    expect(flow.parameters.map((p) => p.name)).toEqual(['topic']);
    expect(entries.find((e) => e.name === 'tidy')).toMatchObject({ engine: 'workflow', tags: ['text'] });
    expect((await cli('list')).stdout).toMatch(/^my-flow\s+0\.1\.0\s+workflow\s+Asks the model/m);
    expect((await cli('list', '--tag', 'text')).stdout).toMatch(/^tidy\s+0\.0\.0\s+workflow\s+Tidies text\. \[text\]\n$/);
  });
});
