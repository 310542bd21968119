import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CpuMeter, cpuMsOfStat } from '../../../runtime/host/cpu-meter';
import { watchMemory } from '../../../runtime/host/memory-watch';

describe('cpuMsOfStat', () => {
  it('reads utime + stime after the command name, whatever the name holds', () => {
    // Fields 3..15: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime.
    const stat = '4242 (a (weird) name) R 1 4242 4242 0 -1 4194560 100 0 0 0 150 50 0 0 20 0 1 0';
    expect(cpuMsOfStat(stat)).toBe(2000); // 200 ticks at 100 per second
    expect(cpuMsOfStat('garbage')).toBeUndefined();
  });
});

describe('CpuMeter', () => {
  it('is over once the charges of every process pass the limit, and says so with the limit', () => {
    const meter = new CpuMeter(1000);
    expect(meter.charge(600)).toBe(false);
    expect(meter.charge(0)).toBe(false);
    expect(meter.charge(500)).toBe(true);
    expect(meter.charge(0)).toBe(true); // an idle process of the tree sees the spent budget too
    expect(meter.message()).toBe('run used 1.1 s of CPU time, over its CPU limit (1 s, limits.cpu)');
  });

  it('tells every listener once, when the charge that spends it comes, so the whole tree ends together', () => {
    const meter = new CpuMeter(100);
    const told: string[] = [];
    meter.onOver(() => told.push('caller'));
    const off = meter.onOver(() => told.push('gone'));
    off();
    meter.onOver(() => told.push('nested'));
    meter.charge(60);
    expect(told).toEqual([]);
    meter.charge(60);
    meter.charge(60);
    expect(told).toEqual(['caller', 'nested']);
  });
});

describe('watchMemory with a CPU meter', () => {
  it('charges a busy process and stops once the callback says so', async () => {
    const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    try {
      const meter = new CpuMeter(300);
      await new Promise<void>((resolve, reject) => {
        watchMemory(child.pid, 2 ** 30, () => {}, (ms) => {
          if (!meter.charge(ms)) return false;
          resolve();
          return true;
        });
        setTimeout(() => reject(new Error(`only ${meter.spentMs} ms of CPU charged`)), 20_000);
      });
      expect(meter.spentMs).toBeGreaterThan(300);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('charges next to nothing for a process that waits', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, 300)); // past its start-up
    const meter = new CpuMeter(1000);
    const stop = watchMemory(child.pid, 2 ** 30, () => {}, (ms) => meter.charge(ms));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    stop();
    child.kill('SIGKILL');
    expect(meter.spentMs).toBeLessThan(200);
  });

  it('charges what a process used since the last poll when stopped with finalCpu (a run that ends between polls)', async () => {
    const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    try {
      const meter = new CpuMeter(60_000);
      const stop = watchMemory(child.pid, 2 ** 30, () => {}, (ms) => meter.charge(ms));
      await new Promise((resolve) => setTimeout(resolve, 120)); // the baseline is taken, no poll yet (200 ms)
      const before = meter.spentMs;
      stop({ finalCpu: true });
      expect(before).toBe(0);
      const charged = meter.spentMs;
      expect(charged).toBeGreaterThan(30);
      // stopped: later polls charge nothing more
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect(meter.spentMs).toBe(charged);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

