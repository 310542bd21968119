/**
 * The `tools` bridge, host side (built-in tools): list them, run one with validated parameters, and
 * validate any value against any JSON Schema.
 */
import { z } from 'zod';
import { builtinTools } from '../tools/builtin';
import { executeTool } from '../tools/execute-tool';
import { InvalidSchemaError, SchemaValidator } from '../tools/schema-validator';
import { argument } from './bridge-args';
import { BridgeError, type BridgeHandlers } from './types';

/** Compiled validators, cached by schema text; shared by every run (it holds no run state). */
const validator = new SchemaValidator();

const Name = z.string({ error: 'a tool name string' });
const Schema = z.union([z.boolean(), z.record(z.string(), z.unknown())], { error: 'a JSON Schema table' });

/** Handlers of the `tools` bridge, keyed by method name. */
export const toolsHandlers: BridgeHandlers = {
  /** `tools.builtin_list()` → `[{name, description, parameters}]`. */
  'tools.builtin_list': async () => builtinTools.list().map(({ name, description, parameters }) => ({ name, description, parameters })),

  /** `tools.builtin_execute(name, params)` → the tool's result; parameters are validated first. */
  'tools.builtin_execute': async (args, ctx) => {
    const name = argument('tools.builtin_execute', args, 0, 'name', Name);
    try {
      return await executeTool(builtinTools, validator, name, args[1], ctx);
    } catch (err) {
      throw err instanceof BridgeError ? err : new BridgeError((err as Error).message, 'tool_error');
    }
  },

  /** `tools.validate(schema, value)` → `{valid, errors}`, errors like `/age: must be >= 0`. */
  'tools.validate': async (args) => {
    const schema = argument('tools.validate', args, 0, 'schema', Schema);
    try {
      return validator.check(schema, args[1] ?? null);
    } catch (err) {
      if (err instanceof InvalidSchemaError) throw new BridgeError(`tools.validate: ${err.message}`, 'bad_argument');
      throw err;
    }
  },
};
