import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { watchMemory } from '../../../runtime/host/memory-watch';

describe('watchMemory (the process-level memory backstop)', () => {
  it('calls back once a process grows past its limit plus the runtime overhead', async () => {
    // A child that allocates ~400 MB outside any VM cap, then idles.
    const child = spawn(process.execPath, ['-e', 'const b = Buffer.alloc(400 * 2 ** 20, 1); setInterval(() => b[0]++, 50)'], { stdio: 'ignore' });
    try {
      const rss = await new Promise<number>((resolve, reject) => {
        const stop = watchMemory(child.pid, 64 * 2 ** 20, (bytes) => {
          stop();
          resolve(bytes);
        });
        setTimeout(() => reject(new Error('the watch never fired')), 10_000);
      });
      expect(rss).toBeGreaterThan(64 * 2 ** 20 + 192 * 2 ** 20);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('stays quiet for a process within its limit', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 50)'], { stdio: 'ignore' });
    let fired = false;
    const stop = watchMemory(child.pid, 256 * 2 ** 20, () => (fired = true));
    await new Promise((resolve) => setTimeout(resolve, 700));
    stop();
    child.kill('SIGKILL');
    expect(fired).toBe(false);
  });
});
