import { describe, expect, it } from 'vitest';
import { argSpecs } from '../../../../runtime/engines/arg-specs';
import { modulesFor } from '../../../../runtime/contract/bridge-api';

describe('Lua argument checks derived from the bridge description', () => {
  const specs = argSpecs('lua');

  it('cover every described Lua function', () => {
    for (const { module, functions } of modulesFor('lua')) {
      for (const fn of functions) expect(specs[module.name]?.[fn.name], `${module.name}.${fn.name}`).toBeDefined();
    }
  });

  it('say what each argument must be', () => {
    expect(specs.llm?.chat?.params[0]).toEqual(['prompt', ['string'], false]);
    expect(specs.storage?.write?.params[1]).toEqual(['content', ['string'], false]);
    expect(specs.tools?.register?.params[3]?.[1]).toEqual(['function']);
  });
});
