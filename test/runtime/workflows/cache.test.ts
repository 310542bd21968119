import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NodeCache } from '../../../runtime/workflows/cache/node-cache';
import { canonicalJson } from '../../../runtime/workflows/cache/canonical-json';
import { ofType, runFile, scriptedLlm, workflowFolder } from './workflow-harness';

const folder = workflowFolder();
afterAll(() => folder.remove());

const chain = (second = 'second {{a}}') => `name: chain
inputs:
  topic: { type: string, default: tides }
nodes:
  - { id: a, type: llm, config: { prompt: "first {{topic}}" } }
  - { id: b, type: llm, config: { prompt: "${second}" } }
  - { id: c, type: llm, config: { prompt: "third {{b}}" } }
  - { id: raw, type: llm, cache: false, config: { prompt: "uncached {{topic}}" } }
edges:
  - { from: a, to: b.a }
  - { from: b, to: c.b }
`;

/** Runs `text` with a fresh process-like setup: a new NodeCache object over `dir`. */
async function run(text: string, dir: string, options: { from?: string; useCache?: boolean; inputs?: Record<string, unknown> } = {}) {
  const llm = scriptedLlm();
  const file = folder.write('chain.workflow.yaml', text);
  const result = await runFile(file, { ...options, host: { llm: llm.llm, cache: new NodeCache(dir) } });
  const cached = ofType(result.events, 'node-finished').filter((e) => e.cached).map((e) => e.nodeId);
  return { ...result, calls: llm.calls, cached };
}

describe('the node cache', () => {
  it('writes every run; a plain run never reads, --cache reads everything it can', async () => {
    const dir = path.join(folder.dir, 'cache-1');
    const first = await run(chain(), dir);
    expect(first.calls).toHaveLength(4);
    const plain = await run(chain(), dir);
    expect(plain.cached).toEqual([]);
    const cachedRun = await run(chain(), dir, { useCache: true });
    expect(cachedRun.cached.sort()).toEqual(['a', 'b', 'c']);
    expect(cachedRun.calls).toEqual(['uncached tides']);
    expect(cachedRun.outcome.outputs).toEqual(first.outcome.outputs);
  });

  it('--from re-runs that node and what follows it, reusing what came before', async () => {
    const dir = path.join(folder.dir, 'cache-2');
    await run(chain(), dir);
    const from = await run(chain(), dir, { from: 'b' });
    expect(from.cached).toEqual(['a']);
    expect(from.calls.sort()).toEqual(['second re: first tides', 'third re: second re: first tides', 'uncached tides']);
  });

  it('misses when a node\'s config or inputs change, and so do the nodes fed by it', async () => {
    const dir = path.join(folder.dir, 'cache-3');
    await run(chain(), dir);
    const edited = await run(chain('second, edited: {{a}}'), dir, { useCache: true });
    expect(edited.cached).toEqual(['a']);
    expect(edited.calls.sort()).toEqual(['second, edited: re: first tides', 'third re: second, edited: re: first tides', 'uncached tides']);
    const otherInput = await run(chain(), dir, { useCache: true, inputs: { topic: 'waves' } });
    expect(otherInput.cached).toEqual([]);
  });

  it('keeps a workflow\'s results in one pack, written atomically; a damaged pack is a miss', async () => {
    const dir = path.join(folder.dir, 'cache-4');
    await run(chain(), dir);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{32}\.json$/);
    const pack = path.join(dir, files[0]!);
    const data = JSON.parse(readFileSync(pack, 'utf8'));
    expect(data).toMatchObject({ format: 1, workflow: path.join(folder.dir, 'chain.workflow.yaml') });
    expect(Object.keys(data.entries)).toHaveLength(3);
    expect(Object.keys(data.entries).every((k) => /^[0-9a-f]{64}$/.test(k))).toBe(true);
    writeFileSync(pack, '{"format": 1, "entr');
    expect((await run(chain(), dir, { useCache: true })).cached).toEqual([]);
    expect(Object.keys(JSON.parse(readFileSync(pack, 'utf8')).entries)).toHaveLength(3);
    expect(readdirSync(dir)).toEqual(files);
  });

  it('merges what two caches over one folder wrote, and writes on its own shortly after a put', async () => {
    const dir = path.join(folder.dir, 'cache-5');
    const one = new NodeCache(dir);
    const two = new NodeCache(dir);
    one.put('/w.yaml', 'k1', { output: { output: 1 }, durationMs: 1 });
    two.put('/w.yaml', 'k2', { output: { output: 2 }, durationMs: 2 });
    await one.flush();
    await two.flush();
    const fresh = new NodeCache(dir);
    expect(await fresh.get('/w.yaml', 'k1')).toEqual({ output: { output: 1 }, durationMs: 1 });
    expect(await fresh.get('/w.yaml', 'k2')).toEqual({ output: { output: 2 }, durationMs: 2 });
    expect(await fresh.get('/other.yaml', 'k1')).toBeUndefined();
    fresh.put('/w.yaml', 'k3', { output: { output: 3 }, durationMs: 3 });
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(await new NodeCache(dir).get('/w.yaml', 'k3')).toEqual({ output: { output: 3 }, durationMs: 3 });
  });

  it('hashes equal values equally whatever their key order', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: undefined, z: null }] })).toBe('{"a":[{"y":2,"z":null}],"b":1}');
    const key = (config: unknown) => NodeCache.key({ workflow: '/w', node: 'n', type: 'llm', config, inputs: {}, scope: {} });
    expect(key({ a: 1, b: 2 })).toBe(key({ b: 2, a: 1 }));
    expect(key({ a: 1 })).not.toBe(key({ a: 2 }));
    expect(canonicalJson({ f: () => 1 })).toBeUndefined();
  });
});
