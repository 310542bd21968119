import type { RunEvent } from '../../runtime/contract/run-events';

/**
 * Output text longer than this is applied in pieces (cut after a newline where there is one), so the
 * lines of one event (the host sends up to 64 KB of output at once) never hold a frame on their own.
 */
export const OUTPUT_PIECE_CHARS = 4096;

/**
 * Run events waiting to be applied, first in first out. Taking from the front moves an index (no
 * copy of the waiting events per frame); a large output event comes out in pieces, the rest staying
 * at the front, so a frame's time budget is checked every few hundred lines.
 */
export class EventQueue {
  private items: RunEvent[] = [];
  private head = 0;

  /** Events (or what is left of one) still waiting. */
  get size(): number {
    return this.items.length - this.head;
  }

  push(event: RunEvent): void {
    this.items.push(event);
  }

  /** The next event to apply (a piece of a large output event), or undefined when none waits. */
  take(): RunEvent | undefined {
    const event = this.items[this.head];
    if (!event) return undefined;
    if (event.type === 'output' && event.text.length > OUTPUT_PIECE_CHARS) {
      const newline = event.text.lastIndexOf('\n', OUTPUT_PIECE_CHARS - 1);
      // One long line is cut anywhere: the console joins the pieces of a line again.
      let cut = newline >= 0 ? newline + 1 : OUTPUT_PIECE_CHARS;
      // Never between the halves of a surrogate pair.
      if (newline < 0 && /[\uD800-\uDBFF]/.test(event.text[cut - 1]!)) cut++;
      this.items[this.head] = { ...event, text: event.text.slice(cut) };
      return { ...event, text: event.text.slice(0, cut) };
    }
    this.items[this.head++] = undefined as unknown as RunEvent; // let it be collected
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return event;
  }
}
