import { describe, expect, it } from 'vitest';
import { t } from '../../../../runtime/contract/bridge-api';
import { argKinds, argSpecs } from '../../../../runtime/engines/arg-specs';

describe('JavaScript argument checks derived from the bridge description', () => {
  it('map description types to the kinds the prelude checks', () => {
    expect(argKinds(t.string, 'js')).toEqual(['string']);
    expect(argKinds(t.ref('ChatOptions'), 'js')).toEqual(['object']);
    expect(argKinds(t.union(t.string, t.map(t.any)), 'js')).toEqual(['string', 'object']);
    expect(argKinds(t.union(t.string, t.any), 'js')).toEqual(['any']);
    expect(argKinds(t.fn([], t.void), 'js')).toEqual(['function']);
  });

  it('use JS names, mark optional parameters and async functions, and stop at rest parameters', () => {
    const specs = argSpecs('js');
    expect(specs.llm?.streamChat).toEqual({ async: true, params: [['prompt', ['string'], false], ['onChunk', ['function'], false], ['opts', ['object'], true]] });
    expect(specs.tools?.register).toEqual({ async: false, params: [['tool', ['object'], false]] });
    expect(specs.globals?.setTimeout).toEqual({ async: false, params: [['callback', ['function'], false], ['delay', ['number'], true]] });
    expect(specs.console?.log).toEqual({ async: false, params: [] });
    expect(specs).not.toHaveProperty('promise'); // Lua only
  });
});
