/**
 * Workflow files through the real studio server: listed in the library, opened as one file,
 * checked by the CLI's validator as they are edited (problems pinned on nodes), run through the
 * workflow engine with node events on the run stream, re-run from a node with the cache, a human
 * node answered over the API, and stopped.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../runtime/contract/run-events';
import type { WorkflowEvent } from '../../runtime/contract/workflow-events';
import { tempWorkspace } from '../helpers/cli';
import { isAlive, orphanedEngineProcesses } from '../helpers/processes';
import { startStudio, StudioTestClient, type StudioProcess } from '../helpers/studio';

const ws = tempWorkspace('llmspell-studio-workflows-');
const home = path.join(ws.dir, 'home');
const project = path.join(ws.dir, 'project');
const flows = path.join(project, 'spells', 'flows');
let studio: StudioProcess;
let client: StudioTestClient;

const CHAIN = `# a comment the studio must keep
name: chain
description: Asks, then shouts the answer.
tags: [demo]
inputs:
  topic: { type: string, default: tea }
nodes:
  - { id: topic, type: input, config: { name: topic } }
  - id: ask
    type: llm
    config: { prompt: "Tell me about {{topic}}" }
  - { id: shout, type: transform, config: { expression: upper(input) } }
  - { id: answer, type: output, config: { name: answer } }
edges:
  - { from: topic, to: ask.topic }
  - { from: ask, to: shout }
  - { from: shout, to: answer }
`;

const ASK = `name: ask-human
nodes:
  - { id: q, type: human, config: { prompt: "Your name?" } }
  - { id: out, type: output }
edges:
  - { from: q, to: out }
`;

const file = (name: string) => path.join(flows, name);
const workflowEvents = (runId: string): WorkflowEvent[] => client.runEvents(runId).flatMap((e: RunEvent) => (e.type === 'workflow' ? [e.event] : []));

beforeAll(async () => {
  mkdirSync(flows, { recursive: true });
  writeFileSync(file('chain.workflow.yaml'), CHAIN);
  writeFileSync(file('ask.workflow.yaml'), ASK);
  studio = await startStudio({ home, cwd: project, env: { MOCK_LLM: 'true' } });
  client = await StudioTestClient.connect(studio);
});

afterAll(async () => {
  await client?.close();
  if (studio) {
    await studio.stop();
    expect(isAlive(studio.child.pid!)).toBe(false);
  }
  expect(orphanedEngineProcesses()).toEqual([]);
  ws.cleanup();
});

describe('workflows in the studio', () => {
  it('lists workflow files beside spells, searchable by the word workflow, and opens one as its file', async () => {
    const found = await client.call('library.list', { text: 'workflow shouts' });
    expect(found.map((s) => [s.name, s.engine, s.tags])).toEqual([['chain', 'workflow', ['demo']]]);
    expect(found[0]!.parameters).toEqual([expect.objectContaining({ name: 'topic', default: 'tea' })]);
    const opened = await client.call('library.open', { path: file('chain.workflow.yaml') });
    expect(opened.files.map((f) => [f.name, f.content])).toEqual([['chain.workflow.yaml', CHAIN]]);
  });

  it("runs the CLI's validator on the text being edited, pinning each problem on its node and field", async () => {
    const broken = CHAIN.replace('upper(input)', 'upper(input').replace('{ from: shout, to: answer }', '{ from: shout, to: nowhere }');
    const found = await client.call('files.diagnose', { path: file('chain.workflow.yaml'), file: 'chain.workflow.yaml', content: broken });
    expect(found).toEqual([
      expect.objectContaining({ line: 12, nodeId: 'shout', path: ['nodes', 2, 'config', 'expression'], message: expect.stringContaining('bad expression') }),
      expect.objectContaining({ nodeId: 'answer', path: ['nodes', 3], message: "nodes[3]: input 'input' of node 'answer' (output) needs an edge" }),
      expect.objectContaining({ line: 17, path: ['edges', 2, 'to'], message: expect.stringContaining("no node 'nowhere'") }),
    ]);
    expect(await client.call('files.diagnose', { path: file('chain.workflow.yaml'), file: 'chain.workflow.yaml', content: CHAIN })).toEqual([]);
  });

  it('runs a workflow through the workflow engine: node events on the run stream, outputs in the output, history', async () => {
    const { runId } = await client.call('runs.start', { path: file('chain.workflow.yaml'), params: { topic: 'tides' } });
    expect(await client.finished(runId)).toMatchObject({ ok: true });
    const events = workflowEvents(runId);
    const finished = events.filter((e) => e.type === 'node-finished').map((e) => e.nodeId);
    expect(finished.sort()).toEqual(['answer', 'ask', 'shout', 'topic']);
    const started = events.find((e) => e.type === 'node-started' && e.nodeId === 'shout');
    expect(started).toMatchObject({ inputs: { input: expect.stringContaining('Tell me about tides') } });
    const output = client.runEvents(runId).flatMap((e) => (e.type === 'output' && e.stream === 'stdout' ? [e.text] : [])).join('');
    expect(output).toContain('TELL ME ABOUT TIDES');
    const past = await client.call('runs.get', { runId });
    expect(past.run).toMatchObject({ spellName: 'chain', status: 'ok' });
    expect(past.events.filter((e) => e.type === 'workflow').length).toBe(client.runEvents(runId).filter((e) => e.type === 'workflow').length);
  });

  it('re-runs from a node with the cached results before it', async () => {
    const { runId } = await client.call('runs.start', { path: file('chain.workflow.yaml'), params: { topic: 'tides' }, from: 'shout' });
    await client.finished(runId);
    const byNode = new Map(workflowEvents(runId).flatMap((e) => (e.type === 'node-finished' ? [[e.nodeId, e.cached] as const] : [])));
    expect(byNode.get('ask')).toBe(true);
    expect(byNode.get('shout')).toBe(false);
    await expect(client.call('runs.start', { path: file('chain.workflow.yaml'), params: {}, from: 'nope' })).rejects.toMatchObject({ code: 'bad_input', message: expect.stringContaining("no node 'nope'") });
  });

  it('asks a human node over the API, and stops a workflow that waits', async () => {
    const { runId } = await client.call('runs.start', { path: file('ask.workflow.yaml'), params: {} });
    const asked = await client.until(() => workflowEvents(runId).find((e) => e.type === 'input-requested'));
    if (asked.type !== 'input-requested') throw new Error('not a request');
    expect(asked.request.prompt).toBe('Your name?');
    await expect(client.call('runs.answer', { runId, requestId: 'nope', text: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    await client.call('runs.answer', { runId, requestId: asked.request.requestId, text: 'Ada' });
    expect(await client.finished(runId)).toMatchObject({ ok: true });
    expect(client.runEvents(runId).some((e) => e.type === 'output' && e.text.includes('Ada'))).toBe(true);

    const second = await client.call('runs.start', { path: file('ask.workflow.yaml'), params: {} });
    await client.until(() => workflowEvents(second.runId).find((e) => e.type === 'input-requested'));
    await client.call('runs.stop', { runId: second.runId });
    expect(await client.finished(second.runId)).toMatchObject({ ok: false, error: { code: 'stopped' } });
    expect((await client.call('runs.get', { runId: second.runId })).run.status).toBe('stopped');
  });

  it('refuses to run a broken workflow, naming each problem', async () => {
    writeFileSync(file('broken.workflow.yaml'), 'name: broken\nnodes:\n  - { id: a, type: nope }\n');
    await expect(client.call('runs.start', { path: file('broken.workflow.yaml'), params: {} })).rejects.toMatchObject({
      code: 'bad_workflow',
      message: expect.stringContaining("unknown node type 'nope'"),
    });
  });
});
