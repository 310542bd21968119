import type { Locator, Page } from 'playwright-core';

/** Ways into the workflow canvas, as a user finds them, and real mouse drags between handles. */
export function canvasPage(page: Page) {
  const canvas = page.getByRole('region', { name: 'Workflow canvas' });
  return {
    canvas,
    settings: page.getByRole('complementary', { name: 'Node settings' }),
    /** The node labelled `<id> (<type>)`. */
    node: (id: string, type: string): Locator => canvas.getByRole('group', { name: `${id} (${type})`, exact: true }),
    /** A node's port handle: `source` (an output) or `target` (an input), by port name. */
    handle: (id: string, kind: 'source' | 'target', port: string): Locator => canvas.locator(`.react-flow__node[data-id="${id}"] .react-flow__handle.${kind}[data-handleid="${port}"]`),
    /**
     * Drags from the centre of one element to the centre of another with real mouse events. Waits
     * for both to hold still first (a node grows a port when it gains an edge, which moves its
     * neighbours' handles), and for React Flow's connection line before moving to the target, so a
     * busy machine cannot turn the drag into a click.
     */
    async drag(from: Locator, to: Locator) {
      const a = await stableBox(from);
      await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
      await page.mouse.down();
      await page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2 + 12, { steps: 3 });
      await page.locator('.react-flow__connectionline').waitFor({ state: 'attached' });
      const b = await stableBox(to);
      await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
      await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
      await page.mouse.up();
    },
  };
}

/** An element's box once it is the same in two animation frames running. */
async function stableBox(el: Locator) {
  let last = await el.boundingBox();
  for (let i = 0; i < 50; i++) {
    await el.page().evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const box = await el.boundingBox();
    if (box && last && box.x === last.x && box.y === last.y && box.width === last.width && box.height === last.height) return box;
    last = box;
  }
  throw new Error(`${String(el)} did not hold still`);
}
