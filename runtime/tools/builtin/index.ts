/**
 * The built-in tools, one line each. Adding a tool: one file in this folder exporting its
 * definition, and one line here. A duplicate name throws when this module loads.
 */
import { ToolRegistry } from '../tool-registry';
import type { BuiltinTool } from '../tool-types';
import { base64 } from './base64';
import { calculator } from './calculator';
import { csvProcess } from './csv-process';
import { datetimeCalculate } from './datetime-calculate';
import { datetimeFormat } from './datetime-format';
import { datetimeNow } from './datetime-now';
import { fileList } from './file-list';
import { fileRead } from './file-read';
import { fileWrite } from './file-write';
import { hash } from './hash';
import { httpRequest } from './http-request';
import { jsonProcess } from './json-process';
import { stringTools } from './string-tools';
import { uuid } from './uuid';
import { webFetch } from './web-fetch';

/** Every built-in tool definition, in the order they are listed. */
export const BUILTIN_TOOLS: readonly BuiltinTool[] = [
  webFetch,
  httpRequest,
  calculator,
  stringTools,
  jsonProcess,
  csvProcess,
  datetimeNow,
  datetimeFormat,
  datetimeCalculate,
  uuid,
  hash,
  base64,
  fileRead,
  fileWrite,
  fileList,
];

/** A registry of the built-in tools (immutable in use: nothing registers into it later). */
export const builtinTools = new ToolRegistry(BUILTIN_TOOLS);
