import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** This checkout's engine entry (dist/engine-process.cjs). */
const OWN_ENGINE = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'), 'dist', 'engine-process.cjs');

/** Engine processes alive right now whose parent is gone (re-parented to init): leaks. */
export function orphanedEngineProcesses(): number[] {
  const orphans: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      // Only this checkout's engines: other checkouts on the machine run their own tests.
      if (!cmdline.includes(OWN_ENGINE)) continue;
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1]);
      if (ppid === 1) orphans.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return orphans;
}

/** True while a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
