/**
 * The `rand` module (stdlib-rand.md). Go's generator sequence is not reproduced: a seeded sfc32
 * generator gives the same numbers for the same seed within our engine, which is what scripts
 * rely on.
 */
import { runtimeError } from '../errors';
import { norm } from '../int64';
import type { Machine } from '../machine';
import { newArray, type ImmutableMap, type Value } from '../values';
import { argCount, badArg, float, moduleOf, numArg } from './args';

class Source {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed: number) {
    this.seed(seed);
  }

  seed(seed: number): void {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = (seed | 0) ^ Math.floor(seed / 2 ** 32);
    for (let i = 0; i < 15; i++) this.u32();
  }

  u32(): number {
    this.a |= 0;
    this.b |= 0;
    this.c |= 0;
    this.d |= 0;
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** [0, 1) with 53 random bits. */
  float(): number {
    return ((this.u32() >>> 5) * 67108864 + (this.u32() >>> 6)) / 9007199254740992;
  }

  int63(): Value {
    return norm((BigInt(this.u32() >>> 1) << 32n) | BigInt(this.u32()));
  }
}

function functions(src: Source, m: Machine): Record<string, (args: Value[]) => Value> {
  return {
    seed: (args) => {
      argCount(args, 1);
      src.seed(numArg(args, 0));
      return undefined;
    },
    exp_float: (args) => {
      argCount(args, 0);
      return float(-Math.log(1 - src.float()));
    },
    float: (args) => {
      argCount(args, 0);
      return float(src.float());
    },
    int: (args) => {
      argCount(args, 0);
      return src.int63();
    },
    intn: (args) => {
      argCount(args, 1);
      const n = numArg(args, 0);
      if (n <= 0) throw runtimeError('invalid argument to intn: must be > 0');
      return Math.floor(src.float() * n);
    },
    norm_float: (args) => {
      argCount(args, 0);
      // Box-Muller transform.
      const u = 1 - src.float();
      return float(Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * src.float()));
    },
    perm: (args) => {
      argCount(args, 1);
      const n = numArg(args, 0);
      if (n < 0) throw runtimeError('invalid argument to perm: must be >= 0');
      m.checkElements(n);
      const a: Value[] = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(src.float() * (i + 1));
        [a[i], a[j]] = [a[j], a[i]];
      }
      return newArray(a);
    },
    read: (args): Value => {
      argCount(args, 1);
      const p = args[0];
      if (!(p instanceof Uint8Array)) throw badArg(0, 'bytes', p);
      for (let i = 0; i < p.length; i++) p[i] = src.u32() & 0xff;
      return p.length;
    },
  };
}

export function randModule(m: Machine): ImmutableMap {
  const global = new Source(Date.now());
  return moduleOf({
    ...functions(global, m),
    rand: (args): Value => {
      argCount(args, 1);
      return moduleOf(functions(new Source(numArg(args, 0)), m));
    },
  });
}


