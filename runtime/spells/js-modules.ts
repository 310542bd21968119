import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** At most this many module files, and this many bytes in all, go with a JavaScript spell. */
export const MAX_MODULE_FILES = 200;
export const MAX_MODULE_BYTES = 4 * 2 ** 20;

/**
 * The ES modules a JavaScript spell folder may import (`import { x } from './util.js'`): every `.js`
 * and `.mjs` file under the folder, keyed like the entry's file name (`<folder>/lib/util.js`), without
 * the entry itself, tests, hidden folders or node_modules. The engine resolves imports only among
 * these, so a spell never reads a file outside its folder. Too many or too large files are an error.
 */
export function collectJsModules(dir: string, prefix: string, entryPath: string): Record<string, string> {
  const modules: Record<string, string> = {};
  let count = 0;
  let bytes = 0;
  const walk = (folder: string, rel: string, depth: number): void => {
    if (depth > 8) return;
    for (const name of readdirSync(folder).sort()) {
      if (name.startsWith('.') || name === 'node_modules' || (depth === 0 && name === 'tests')) continue;
      const full = path.join(folder, name);
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full, `${rel}${name}/`, depth + 1);
      else if (/\.m?js$/.test(name) && full !== entryPath) {
        count++;
        bytes += stat.size;
        if (count > MAX_MODULE_FILES) throw new Error(`${prefix}: more than ${MAX_MODULE_FILES} JavaScript files in the spell folder`);
        if (bytes > MAX_MODULE_BYTES) throw new Error(`${prefix}: the spell folder's JavaScript files are over ${MAX_MODULE_BYTES / 2 ** 20} MB`);
        modules[`${prefix}/${rel}${name}`] = readFileSync(full, 'utf8');
      }
    }
  };
  walk(dir, '', 0);
  return modules;
}
