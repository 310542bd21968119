/**
 * Environment variable that tells an engine process its host runs one spell and exits (the CLI):
 * it then prepares no second engine while it waits (see EngineProcessOptions.oneShot).
 */
export const ONE_SHOT_ENV = 'LLMSPELL_ENGINE_ONE_SHOT';

/**
 * Environment variable that asks a pooled engine process to make a QuickJS VM while it waits, beside
 * its Lua VM: the supervisor sets it once its host has run a JavaScript spell. Without it an idle
 * process holds Lua only (≈ 58 MB resident instead of ≈ 72), and a JS spell makes its VM on arrival.
 */
export const PREPARE_JS_ENV = 'LLMSPELL_ENGINE_PREPARE_JS';
