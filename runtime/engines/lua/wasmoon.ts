import { createRequire } from 'node:module';
import type * as Wasmoon from 'wasmoon';

/**
 * wasmoon, loaded with require. It is a CommonJS package: imported from ESM, Node first scans its
 * 1 MB source for export names (cjs-module-lexer), ≈ 30 ms of CPU on every engine process start.
 */
export const wasmoon = createRequire(import.meta.url)('wasmoon') as typeof Wasmoon;
