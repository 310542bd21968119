import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { writeWorkflow } from '../../../runtime/workflows/file/write-workflow';
import { nodeTypes } from '../../../runtime/workflows/registry';
import { checkWorkflowText } from '../../../runtime/workflows/workflow-loader';
import { ROOT } from '../../helpers/cli';

const examples = path.join(ROOT, 'spells', 'workflows');

describe('writing workflow files', () => {
  it('writes keys in a fixed order whatever order they were in', () => {
    const shuffled = {
      edges: [{ to: 'b.x', from: 'a' }],
      nodes: [
        { config: { template: '{{x}}' }, type: 'transform', position: { y: 2, x: 1 }, id: 'b' },
        { on_error: 'continue', config: { stream: false, prompt: 'hi', system: 's' }, id: 'a', type: 'llm', retry: { delay: 1, attempts: 2 } },
      ],
      settings: { retry: 1, concurrency: 3 },
      inputs: { topic: { default: 'x', type: 'string' } },
      name: 'shuffled',
    };
    expect(writeWorkflow(shuffled, nodeTypes)).toBe(`name: shuffled
inputs:
  topic:
    type: string
    default: x
settings:
  concurrency: 3
  retry: 1
nodes:
  - id: b
    type: transform
    position: { x: 1, y: 2 }
    config:
      template: "{{x}}"
  - id: a
    type: llm
    config:
      prompt: hi
      system: s
      stream: false
    retry:
      attempts: 2
      delay: 1
    on_error: continue
edges:
  - { from: a, to: b.x }
`);
  });

  it('round-trips every example file: same data, and writing twice gives the same text', () => {
    const files = readdirSync(examples).filter((f) => f.endsWith('.workflow.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const data: unknown = parse(readFileSync(path.join(examples, file), 'utf8'));
      const text = writeWorkflow(data, nodeTypes);
      expect(parse(text)).toEqual(data);
      expect(writeWorkflow(parse(text), nodeTypes)).toBe(text);
      const json = writeWorkflow(data, nodeTypes, 'json');
      expect(JSON.parse(json)).toEqual(data);
      expect(checkWorkflowText(text, path.join(examples, file), nodeTypes).ok).toBe(true);
      expect(checkWorkflowText(json, path.join(examples, file), nodeTypes).ok).toBe(true);
    }
  });
});
