/**
 * Issue 12, fuzzing: random and mutated inputs to the manifest, workflow, config and bundle readers
 * and to the studio API's input schemas never crash or hang the host; each ends in a value or in the
 * reader's own clear error.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../runtime/config';
import { STUDIO_METHODS } from '../../../runtime/contract/studio-api';
import { packSpell } from '../../../runtime/spells/bundle/pack-spell';
import { BundleError, readBundle } from '../../../runtime/spells/bundle/read-bundle';
import { verifyBundle } from '../../../runtime/spells/bundle/verify-bundle';
import { parseManifestText } from '../../../runtime/spells/manifest-file';
import { nodeTypes } from '../../../runtime/workflows/registry';
import { checkWorkflowText } from '../../../runtime/workflows/workflow-loader';
import { ROOT } from '../../helpers/cli';

const root = mkdtempSync(path.join(os.tmpdir(), 'llmspell-fuzz-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const RUNS = { numRuns: 150 };
const MANIFEST = `name: fuzzed
version: 1.0.0
description: A spell to mutate
engine: lua
entry: main.lua
parameters:
  - name: topic
    type: string
    pattern: ^[a-z]+$
    default: cats
permissions:
  network: [example.com]
  storage: { shared: [team] }
limits:
  timeout: 30s
  memory: 64MB
`;
const WORKFLOW = readFileSync(path.join(ROOT, 'spells/workflows/draft-critique-refine.workflow.yaml'), 'utf8');
const TOKENS = ['\n', ':', ' ', '- ', '{', '}', '[', ']', '"', "'", '&a', '*a', '!!binary', '? ', '|', '>', '#', '\t', '~', '1e999', '-1', '0x', 'null', '<<: *a'];

/** A text with random edits: characters and YAML tokens inserted, spans deleted. */
const mutated = (base: string) =>
  fc
    .array(fc.tuple(fc.nat(base.length), fc.nat(20), fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 }))), { maxLength: 8 })
    .map((edits) => edits.reduce((text, [at, cut, insert]) => text.slice(0, at % (text.length + 1)) + insert + text.slice((at % (text.length + 1)) + cut), base));

/** Runs `fn` and fails if it took longer than `ms` (a hang shows up as a slow case). */
function quick<T>(fn: () => T, ms = 2_000): T {
  const started = performance.now();
  const value = fn();
  expect(performance.now() - started).toBeLessThan(ms);
  return value;
}

describe('fuzz: spell manifests', () => {
  it('any text gives a manifest or located problems, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), mutated(MANIFEST)), (text) => {
        const result = quick(() => parseManifestText(text, 'spell.yaml'));
        if (!result.ok) {
          expect(result.problems.length).toBeGreaterThan(0);
          for (const p of result.problems) expect(typeof p.message).toBe('string');
        }
      }),
      RUNS,
    );
  });
});

describe('fuzz: workflow files', () => {
  it('any text gives a workflow or problems with messages, never a throw', () => {
    const file = path.join(root, 'x.workflow.yaml');
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), mutated(WORKFLOW)), (text) => {
        const result = quick(() => checkWorkflowText(text, file, nodeTypes));
        if (!result.ok) {
          expect(result.problems.length).toBeGreaterThan(0);
          for (const p of result.problems) expect(p.message).toMatch(/\S/);
        }
      }),
      RUNS,
    );
  });
});

describe('fuzz: configuration', () => {
  it('any llmspell.yaml or .env gives a configuration or a ConfigError', () => {
    const cwd = mkdtempSync(path.join(root, 'cfg-'));
    const home = path.join(cwd, 'home');
    const base = 'limits:\n  timeout: 10\nproviders:\n  local:\n    base_url: http://127.0.0.1:1/v1\nnetwork:\n  allow_hosts: [a.example]\n';
    fc.assert(
      fc.property(
        fc.oneof(mutated(base), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v))),
        fc.option(fc.string({ maxLength: 80 }), { nil: undefined }),
        (yaml, dotEnv) => {
          writeFileSync(path.join(cwd, 'llmspell.yaml'), yaml);
          if (dotEnv === undefined) rmSync(path.join(cwd, '.env'), { force: true });
          else writeFileSync(path.join(cwd, '.env'), dotEnv);
          try {
            const loaded = quick(() => loadConfig({ cwd, env: {}, home }));
            expect(loaded.config.limits.timeout).toBeGreaterThan(0);
          } catch (error) {
            expect(error).toBeInstanceOf(ConfigError);
            expect((error as ConfigError).message).toMatch(/\S/);
          }
        },
      ),
      RUNS,
    );
  });
});

describe('fuzz: bundles', () => {
  const spellDir = path.join(root, 'spell');
  const home = path.join(root, 'bundle-home');
  const bundle = (() => {
    mkdirSync(spellDir, { recursive: true });
    writeFileSync(path.join(spellDir, 'spell.yaml'), 'name: fuzzed\nversion: 1.0.0\n');
    writeFileSync(path.join(spellDir, 'main.lua'), 'print("hi")\n');
    return readFileSync(packSpell(spellDir, { outDir: path.join(root, 'packed') }).file);
  })();

  it('random and corrupted archives end in a BundleError, never another throw', () => {
    const file = path.join(root, 'fuzzed.spell');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 2_000 }).map((b) => Buffer.from(b)),
          fc.array(fc.tuple(fc.nat(bundle.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }).map((flips) => {
            const copy = Buffer.from(bundle);
            for (const [at, byte] of flips) copy[at] = byte;
            return copy;
          }),
          fc.nat(bundle.length).map((n) => bundle.subarray(0, n)),
        ),
        (bytes) => {
          writeFileSync(file, bytes);
          try {
            quick(() => verifyBundle(readBundle(file), path.join(home, 'trusted-keys')));
          } catch (error) {
            expect(error).toBeInstanceOf(BundleError);
          }
        },
      ),
      RUNS,
    );
  });
});

describe('fuzz: studio API input schemas', () => {
  it('every method refuses or accepts any JSON without throwing', () => {
    const methods = Object.values(STUDIO_METHODS) as { input: { safeParse(v: unknown): { success: boolean } } }[];
    fc.assert(
      fc.property(fc.constantFrom(...methods), fc.jsonValue({ maxDepth: 4 }), (method, value) => {
        const result = quick(() => method.input.safeParse(value), 500);
        expect(typeof result.success).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
