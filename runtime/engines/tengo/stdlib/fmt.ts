/** The `fmt` module (stdlib-fmt.md): print, println, printf, sprintf. */
import { format } from '../format';
import type { Machine } from '../machine';
import { toText } from '../to-string';
import type { ImmutableMap, Value } from '../values';
import { badArg, moduleOf } from './args';
import { wrongArgs } from '../builtins';

function printArgs(m: Machine, args: Value[]): string {
  let total = 0;
  const parts = args.map((a) => {
    const s = toText(a);
    total += s.length;
    return s;
  });
  m.checkBytes(total);
  return parts.join('');
}

function sprintf(m: Machine, args: Value[]): string {
  if (args.length === 0) throw wrongArgs();
  const f = args[0];
  if (typeof f !== 'string') throw badArg(0, 'string', f);
  const s = args.length === 1 ? f : format(f, args.slice(1));
  m.checkBytes(s.length);
  return s;
}

export function fmtModule(m: Machine): ImmutableMap {
  return moduleOf({
    // Unlike Go's, no spaces are added between the operands (stdlib-fmt.md).
    print: (args) => {
      m.write(printArgs(m, args));
      return undefined;
    },
    println: (args) => {
      m.write(`${printArgs(m, args)}\n`);
      return undefined;
    },
    printf: (args) => {
      m.write(sprintf(m, args));
      return undefined;
    },
    sprintf: (args) => sprintf(m, args),
  });
}
