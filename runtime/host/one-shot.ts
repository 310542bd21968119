/**
 * Environment variable that tells an engine process its host runs one spell and exits (the CLI):
 * it then prepares no second engine while it waits (see EngineProcessOptions.oneShot).
 */
export const ONE_SHOT_ENV = 'LLMSPELL_ENGINE_ONE_SHOT';
