/**
 * The visual workflow builder end to end: the real `llmspell studio`, the local OpenAI-compatible
 * server, Debian's Chromium. A user builds input → llm → output from the palette on an empty canvas,
 * connects the nodes by dragging handles, sets the prompt in the inspector and saves; the CLI then
 * validates and runs the saved file with the output the studio showed. Each example workflow runs
 * on the canvas; keyboard delete, undo and redo keep the file's comments; a broken file loses nothing.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli';
import { canvasPage } from './workflow-page';
import { useStudioSession } from './studio-session';

const s = useStudioSession('llmspell-e2e-wf-', {
  llm: { latencyMs: 5 },
  env: { OPENAI_API_KEY: 'sk-e2e' },
  viewport: { width: 1400, height: 900 },
  prepare: ({ project }) => {
    cpSync(path.join(ROOT, 'spells', 'workflows'), path.join(project, 'spells', 'workflows'), { recursive: true });
    writeFileSync(path.join(project, 'spells', 'workflows', 'scratch.workflow.yaml'), '# Built on the canvas.\nname: scratch\ninputs:\n  topic: { type: string, default: tide pools }\nnodes: []\n');
  },
});
const { home, project } = s;

const flows = path.join(project, 'spells', 'workflows');
const SHOTS = path.join(ROOT, '.tmp');

const flow = (name: string) => path.join(flows, name);

const pageErrors: string[] = [];
beforeAll(async () => {
  // A renderer error fails the test that caused it, with its message.
  s.page.on('pageerror', (error) => pageErrors.push(error.message));
  await s.page.goto(s.studio.url);
});
afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

describe('the workflow canvas in Chromium', () => {
  it('builds input → llm → output on an empty canvas, saves, and the CLI runs the file with the same output', async () => {
    const { page } = s;
    const wf = canvasPage(page);
    await page.getByRole('list', { name: 'Spells' }).getByRole('button', { name: 'scratch', exact: true }).click();
    await wf.canvas.waitFor();
    for (const type of ['input', 'llm', 'output']) await page.getByRole('button', { name: `Add ${type} node` }).click();
    await wf.node('input', 'input').waitFor();
    await wf.node('llm', 'llm').waitFor();
    await wf.node('output', 'output').waitFor();

    await page.waitForTimeout(300);
    await wf.drag(wf.handle('input', 'source', 'output'), wf.handle('llm', 'target', '__new_input'));
    await page.locator('[aria-label="Edge input → llm"]').waitFor({ state: 'attached' });
    await wf.drag(wf.handle('llm', 'source', 'output'), wf.handle('output', 'target', 'input'));
    await page.locator('[aria-label="Edge llm → output"]').waitFor({ state: 'attached' });

    // A second edge into a port that takes one is refused, with the validator's reason.
    await wf.drag(wf.handle('input', 'source', 'output'), wf.handle('output', 'target', 'input'));
    await page.getByRole('alert').getByText("input 'output.input' already has an edge (from llm.output); it takes one").waitFor();

    await wf.node('input', 'input').click();
    await wf.settings.getByRole('textbox', { name: 'name', exact: true }).fill('topic');
    await wf.settings.getByRole('textbox', { name: 'name', exact: true }).press('Enter');
    await wf.node('llm', 'llm').click();
    const prompt = wf.settings.getByRole('textbox', { name: 'prompt', exact: true });
    await prompt.fill('In one line: ');
    await wf.settings.getByRole('button', { name: 'Insert {{input}}' }).click();
    await page.getByRole('region', { name: 'Problems' }).getByText(/No problems/).waitFor();
    await page.keyboard.press('Control+S');
    await page.getByRole('tab', { name: 'YAML' }).waitFor();
    await expect.poll(() => readFileSync(flow('scratch.workflow.yaml'), 'utf8')).toContain("In one line: {{input}}");
    const saved = readFileSync(flow('scratch.workflow.yaml'), 'utf8');
    expect(saved.startsWith('# Built on the canvas.\nname: scratch\n')).toBe(true);

    await s.ui.run.click();
    await s.ui.waitForStatus(/Finished/);
    for (const [id, type] of [['input', 'input'], ['llm', 'llm'], ['output', 'output']] as const) await wf.node(id, type).getByText(/done/).waitFor();
    const studioOutput = (await s.ui.outputText()).trim();
    await page.screenshot({ path: path.join(SHOTS, 'workflow-built.png') });

    const validate = await runCli(['validate', flow('scratch.workflow.yaml')], { cwd: project, env: { ...s.env, LLMSPELL_HOME: home } });
    expect(validate.code, validate.stderr).toBe(0);
    const run = await runCli(['run', flow('scratch.workflow.yaml')], { cwd: project, env: { ...s.env, LLMSPELL_HOME: home } });
    expect(run.code, run.stderr).toBe(0);
    // The studio's Output shows the CLI's progress lines, then the same outputs as on stdout.
    expect(run.stdout.trim()).toBe('echo: In one line: tide pools');
    expect(studioOutput).toContain(`\n${run.stdout.trim()}`);
  });

  it('runs every example workflow on the canvas until each node is done (or skipped: a branch not taken)', async () => {
    const { page } = s;
    const wf = canvasPage(page);
    for (const name of ['research-fanout', 'classify-and-route', 'draft-critique-refine']) {
      await page.getByRole('list', { name: 'Spells' }).getByRole('button', { name, exact: true }).click();
      await page.getByRole('banner').getByText(name, { exact: true }).waitFor();
      await wf.canvas.waitFor();
      // The planner answers in JSON (its node has a schema); every other call is echoed.
      if (name === 'research-fanout') s.llm.enqueue({ content: '{"angles": ["rocks", "tides", "life"]}' });
      await s.ui.run.click();
      await s.ui.waitForStatus(/Finished/, 30_000);
      const nodes = page.locator('.react-flow__node');
      const count = await nodes.count();
      expect(count).toBeGreaterThan(3);
      const statuses = await nodes.evaluateAll((els) => els.map((el) => `${el.getAttribute('aria-label')}: ${el.querySelector('[aria-label^="status:"]')?.getAttribute('aria-label') ?? 'none'}`));
      for (const s of statuses) expect(s, name).toMatch(/status: (done|skipped)$/);
      if (name !== 'classify-and-route') for (const s of statuses) expect(s, name).toMatch(/status: done$/);
      await page.screenshot({ path: path.join(SHOTS, `workflow-${name}.png`) });
    }
  }, 90_000);

  it('deletes a node with the keyboard, undoes and redoes it, and the saved file keeps its comments', async () => {
    const { page } = s;
    const wf = canvasPage(page);
    await page.getByRole('list', { name: 'Spells' }).getByRole('button', { name: 'classify-and-route', exact: true }).click();
    await wf.node('thanks', 'transform').click();
    await page.keyboard.press('Delete');
    await wf.node('thanks', 'transform').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+Z');
    await wf.node('thanks', 'transform').waitFor();
    await page.keyboard.press('Control+Shift+Z');
    await wf.node('thanks', 'transform').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+S');
    await expect.poll(() => readFileSync(flow('classify-and-route.workflow.yaml'), 'utf8')).not.toContain('id: thanks');
    const text = readFileSync(flow('classify-and-route.workflow.yaml'), 'utf8');
    const before = readFileSync(path.join(ROOT, 'spells/workflows/classify-and-route.workflow.yaml'), 'utf8');
    expect(text.split('\n').filter((l) => l.startsWith('#'))).toEqual(before.split('\n').filter((l) => l.startsWith('#')));
    expect(text).not.toContain('thanks');
    // Everything but the node and its edges is as it was, line for line.
    expect(before.split('\n').filter((l) => !text.split('\n').includes(l)).every((l) => /thanks|Thank you|^ {4}(type|position|config):/.test(l))).toBe(true);
  });

  it('keeps the canvas and the file when the YAML does not parse, and an unsaved canvas edit survives a reload', async () => {
    const { page } = s;
    const wf = canvasPage(page);
    const file = flow('draft-critique-refine.workflow.yaml');
    const disk = readFileSync(file, 'utf8');
    await page.getByRole('list', { name: 'Spells' }).getByRole('button', { name: 'draft-critique-refine', exact: true }).click();
    await wf.node('draft', 'llm').waitFor();
    await page.getByRole('tab', { name: 'YAML' }).click();
    await s.ui.editor.waitFor();
    await page.keyboard.press('Alt+E');
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\n  - { id: oops, type: llm\n');
    await page.getByRole('alert').getByText(/The YAML does not parse/).waitFor();
    await page.getByRole('tab', { name: 'Canvas' }).click();
    await wf.node('draft', 'llm').waitFor();
    await wf.node('improve', 'loop').waitFor();
    await page.getByRole('button', { name: 'Add transform node' }).click();
    await page.getByRole('alert').getByText(/fix it in the YAML tab/).waitFor();
    expect(readFileSync(file, 'utf8')).toBe(disk);

    // Undo in the YAML tab brings back text that parses; a canvas edit, not saved, survives a reload.
    await page.getByRole('tab', { name: 'YAML' }).click();
    await page.keyboard.press('Alt+E');
    const broken = page.getByRole('alert').getByText(/The YAML does not parse/);
    for (let i = 0; i < 6 && (await broken.count()) > 0; i++) {
      await page.keyboard.press('Control+Z');
      await page.waitForTimeout(400);
    }
    await broken.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Canvas' }).click();
    await page.getByRole('button', { name: 'Add merge node' }).click();
    await wf.node('merge', 'merge').waitFor();
    await page.waitForTimeout(1200);
    await page.reload();
    const banner = page.getByRole('alert').filter({ hasText: 'Unsaved changes to draft-critique-refine.workflow.yaml' });
    await banner.getByRole('button', { name: 'Restore' }).click();
    await wf.node('merge', 'merge').waitFor();
    expect(readFileSync(file, 'utf8')).toBe(disk);
  });

  it('shows a broken file with its error, and a past run as a timeline', async () => {
    const { page } = s;
    writeFileSync(flow('broken.workflow.yaml'), 'name: broken\nnodes:\n  - { id: a, type: llm\n');
    await page.reload();
    await page.getByRole('list', { name: 'Spells' }).getByRole('button', { name: 'broken', exact: true }).click();
    await page.getByRole('alert').getByText(/The YAML does not parse \(line \d+/).first().waitFor();
    expect(readFileSync(flow('broken.workflow.yaml'), 'utf8')).toBe('name: broken\nnodes:\n  - { id: a, type: llm\n');

    await page.getByRole('list', { name: 'Spells' }).getByRole('button', { name: 'research-fanout', exact: true }).click();
    const history = page.getByRole('list', { name: 'Past runs' });
    await history.getByRole('listitem').first().getByRole('button').first().click();
    await page.getByRole('tab', { name: 'Timeline' }).click();
    const timeline = page.getByRole('region', { name: 'Run timeline' });
    await timeline.getByRole('listitem', { name: /^summarize: done/ }).waitFor();
    expect(await timeline.getByRole('listitem').count()).toBeGreaterThanOrEqual(5);
    await page.screenshot({ path: path.join(SHOTS, 'workflow-timeline.png') });
    await page.getByRole('tab', { name: 'Canvas' }).click();
  });

  it('looks right at 900x600 and in the dark theme', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Use dark theme' }).click();
    await page.screenshot({ path: path.join(SHOTS, 'workflow-dark-1400.png') });
    await page.setViewportSize({ width: 900, height: 600 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, 'workflow-dark-900.png') });
    await page.getByRole('button', { name: 'Use light theme' }).click();
    await page.screenshot({ path: path.join(SHOTS, 'workflow-light-900.png') });
    await page.setViewportSize({ width: 1400, height: 900 });
  });
});
