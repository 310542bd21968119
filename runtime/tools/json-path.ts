/**
 * Path queries for the json_process tool: `$.a.b[0]`, `a.b[0]`, `$['key with spaces']`, `items[-1]`
 * (from the end). Lookups use own properties only, so `__proto__` or `constructor` never reach
 * JavaScript internals.
 */

/** One step: an object key or an array index. */
export type PathStep = string | number;

/** Parses a path into steps; throws naming the position of a syntax error. */
export function parsePath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  let i = path.startsWith('$') ? 1 : 0;
  const fail = (what: string): never => {
    throw new Error(`bad path '${path}': ${what} at position ${i + 1}`);
  };
  while (i < path.length) {
    const c = path[i];
    if (c === '.' || (i === 0 && c !== '[')) {
      if (c === '.') i++;
      const m = /^[^.[\]]+/.exec(path.slice(i));
      if (!m) fail('expected a key');
      steps.push(m![0]);
      i += m![0].length;
    } else if (c === '[') {
      const rest = path.slice(i);
      const quoted = /^\[\s*(['"])((?:\\.|(?!\1)[^\\])*)\1\s*\]/.exec(rest);
      const index = /^\[\s*(-?\d+)\s*\]/.exec(rest);
      if (quoted) steps.push((quoted[2] ?? '').replace(/\\(.)/g, '$1'));
      else if (index) steps.push(Number(index[1]));
      else fail("expected [number] or ['key']");
      i += (quoted ?? index)![0].length;
    } else fail(`unexpected '${c}'`);
  }
  return steps;
}

/** Shows steps as a path (`$.a[0]`) for messages. */
export function showPath(steps: readonly PathStep[]): string {
  return steps.reduce<string>((acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `${acc}.${s}` : `${acc}['${s}']`), '$');
}

/** The value at `steps`; throws saying where the walk stopped and why. */
export function getAt(root: unknown, steps: readonly PathStep[]): unknown {
  let value = root;
  for (const [n, step] of steps.entries()) {
    const here = showPath(steps.slice(0, n));
    if (typeof step === 'number') {
      if (!Array.isArray(value)) throw new Error(`no value at '${showPath(steps)}': '${here}' is not a list`);
      const index = step < 0 ? value.length + step : step;
      if (index < 0 || index >= value.length) throw new Error(`no value at '${showPath(steps)}': index ${step} is out of range (the list at '${here}' has ${value.length} items)`);
      value = value[index];
    } else {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`no value at '${showPath(steps)}': '${here}' is not an object`);
      // own properties only: '__proto__' or 'constructor' must not walk into prototypes
      if (!Object.hasOwn(value, step)) throw new Error(`no value at '${showPath(steps)}': the object at '${here}' has no key '${step}'`);
      value = (value as Record<string, unknown>)[step];
    }
  }
  return value;
}
