/**
 * The environment and flags an engine process starts with. Built from an allow-list: the host's
 * environment holds API keys and code-injection hooks (LD_PRELOAD, NODE_OPTIONS, DYLD_*), and none of
 * it may reach a spell's process.
 */
const PASSED_THROUGH = ['TZ', 'LANG', 'LC_ALL'] as const;

export function engineEnvironment(hostEnv: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    // glibc's allocator: blocks of 128 KB and more are mapped and given back when freed, instead of
    // the threshold rising after the first such free and later large buffers (a read file, a code
    // cache, a big message) staying in the process's heap for good. An idle engine process is
    // ≈ 2-4 MB smaller resident (60.6 against 62.5-65.0 MB, medians of 13-15), its boot unchanged.
    // Other C libraries ignore it.
    MALLOC_MMAP_THRESHOLD_: '131072',
  };
  for (const name of PASSED_THROUGH) {
    const value = hostEnv[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/**
 * Node flags of an engine process: a small V8 heap (the Lua heap lives in wasm memory, capped
 * separately), and no eval-like code generation in the process itself.
 */
export function engineExecArgv(options: { heapMb?: number } = {}): string[] {
  return [`--max-old-space-size=${options.heapMb ?? 128}`, '--disallow-code-generation-from-strings', '--disable-proto=delete'];
}
