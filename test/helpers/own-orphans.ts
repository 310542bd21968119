import { readFileSync } from 'node:fs';
import { ROOT } from './cli';
import { orphanedEngineProcesses } from './processes';

/**
 * Orphaned engine processes of this checkout (other checkouts on the machine are not ours to judge),
 * waiting up to `withinMs` for them to notice their parent is gone: slow on a loaded machine.
 */
export async function ownOrphansAfter(withinMs: number): Promise<number[]> {
  const ours = () =>
    orphanedEngineProcesses().filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(ROOT);
      } catch {
        return false;
      }
    });
  const deadline = Date.now() + withinMs;
  while (ours().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  return ours();
}
