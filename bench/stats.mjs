// Small numeric and formatting helpers shared by the bench sections.
import { execFile } from 'node:child_process';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
export const best = (xs) => Math.min(...xs);
export const geomean = (xs) => Math.exp(xs.reduce((sum, x) => sum + Math.log(x), 0) / xs.length);
export const ms = (x) => `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;
export const ratio = (x) => `${x.toFixed(2)}x`;
export const verdict = (value, target) => (value <= target ? 'PASS' : 'MISS');

/** Runs a command to completion; resolves with its stdout, rejects with its stderr on failure. */
export function run(file, args, options = {}) {
  return new Promise((resolve, reject) => {
    execFile(file, args, { maxBuffer: 16 * 2 ** 20, ...options }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}
