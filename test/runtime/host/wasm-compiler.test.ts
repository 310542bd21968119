import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { WASM_COMPILER_FLAGS } from '../../../runtime/host/wasm-compiler';

describe('the wasm compiler flags of engine processes', () => {
  it.runIf(process.versions.v8.startsWith('11.'))('are all known to this V8 (an unknown one prints "unrecognized flag" on stderr)', () => {
    const script = `const v8 = require('node:v8'); for (const f of ${JSON.stringify(WASM_COMPILER_FLAGS)}) v8.setFlagsFromString(f); new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
  });
});
