/**
 * Provider names the policy needs to know without depending on providers: the offline mock sends
 * nothing anywhere, so a spell allowed the LLM at all may always use it.
 */

/** Name of the offline mock provider. */
export const MOCK_PROVIDER = 'mock';
