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
    /** Drags from the centre of one element to the centre of another with real mouse events. */
    async drag(from: Locator, to: Locator) {
      const a = (await from.boundingBox())!;
      const b = (await to.boundingBox())!;
      await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
      await page.mouse.down();
      await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
      await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
      await page.mouse.up();
    },
  };
}
