import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCliReference } from '../../runtime/docs/cli-reference';
import { CONFIG_DOCS, configRows, renderConfigReference } from '../../runtime/docs/config-reference';
import { renderExamplesIndex } from '../../runtime/docs/examples-index';
import { ROOT } from '../helpers/cli';

const committed = (file: string) => readFileSync(path.join(ROOT, 'docs', file), 'utf8');
const STALE = 'out of date: run `npm run gen` and commit the result';

describe('generated docs', () => {
  it('docs/cli-reference.md matches the command registry', async () => {
    expect(committed('cli-reference.md'), STALE).toBe(await renderCliReference());
  });

  it('docs/configuration.md matches the configuration schema, and every key is described', () => {
    expect(configRows().filter((row) => !CONFIG_DOCS[row.path]).map((row) => row.path), 'add a line to CONFIG_DOCS in runtime/docs/config-reference.ts').toEqual([]);
    expect(committed('configuration.md'), STALE).toBe(renderConfigReference());
  });

  it('docs/examples.md lists every example spell and workflow', () => {
    expect(committed('examples.md'), STALE).toBe(renderExamplesIndex(ROOT));
  });
});
