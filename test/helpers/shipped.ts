/**
 * Drives a shipped `llmspell` (the installed npm package's bin, or the standalone binary) the way a
 * user would: from an empty folder, with a PATH and HOME of the test's choosing and nothing else.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface ShippedResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command args` in `cwd` with exactly `env` (plus MOCK_LLM unless given). */
export function runShipped(command: string, args: string[], cwd: string, env: Record<string, string>, timeoutMs = 60_000): Promise<ShippedResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { MOCK_LLM: 'true', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Writes a spell per engine and a one-node workflow into `dir`; returns their file names. */
export function writeSampleSpells(dir: string): { lua: string; js: string; tengo: string; workflow: string } {
  writeFileSync(path.join(dir, 'hello.lua'), 'local p = ...\nprint("lua says " .. llm.chat("hi"))\n');
  writeFileSync(path.join(dir, 'hello.js'), 'console.log("js says " + (await llm.chat("hi")));\n');
  writeFileSync(path.join(dir, 'hello.tengo'), 'fmt := import("fmt")\nllm := import("llm")\nfmt.println("tengo says ", llm.chat("hi"))\n');
  writeFileSync(
    path.join(dir, 'greet.workflow.yaml'),
    [
      'name: greet',
      'version: 1.0.0',
      'inputs:',
      '  who: { type: string, default: Ada }',
      'nodes:',
      '  - id: in',
      '    type: input',
      '  - id: ask',
      '    type: llm',
      '    config: { prompt: "Greet {{who}}" }',
      '  - id: out',
      '    type: output',
      'edges:',
      '  - { from: in, to: ask }',
      '  - { from: ask, to: out }',
      '',
    ].join('\n'),
  );
  return { lua: 'hello.lua', js: 'hello.js', tengo: 'hello.tengo', workflow: 'greet.workflow.yaml' };
}

/** Every file under `dir` with its size and mtime: two snapshots differ when anything was written. */
export function snapshotTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const info = statSync(full);
        files.set(path.relative(dir, full), `${info.size}:${info.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return files;
}

/**
 * Starts `llmspell studio` and resolves with its URL (the first stdout line) and a stop function that
 * ends it and waits for its exit.
 */
export function startShippedStudio(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<{ url: string; stop: () => Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args, 'studio'], { cwd, env: { MOCK_LLM: 'true', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`studio printed no URL in time; stderr:\n${stderr}`));
    }, 60_000);
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      resolve({
        url: stdout.slice(0, newline).trim(),
        stop: async () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
    child.on('error', reject);
    void exited.then((code) => reject(new Error(`studio exited (${code}) before printing its URL; stderr:\n${stderr}`)));
  });
}
