/**
 * Public entry of the LLM layer: the service, its settings and shapes, and the error type.
 */
export { createLlmService, LlmService, type LlmServiceOptions } from './llm-service';
export { LlmError, type LlmErrorKind } from './llm-error';
export { MOCK_FALLBACK_NOTICE, MOCK_PROVIDER, MockProvider, mockAnswer } from './mock-provider';
export { BUILTIN_PROVIDERS, resolveEndpoints, type ProviderEndpoint, type LlmEnv, type LlmProviderSettings, type LlmSettings } from './provider-catalog';
export type { LlmCallUsage, LlmUsageReport } from './usage-meter';
export type * from './types';
