/** The `times` module (stdlib-times.md): Go's time layouts, durations (int nanoseconds) and time values. */
import { norm, type Int } from '../int64';
import type { Machine } from '../machine';
import { civil, formatTime, fromCivil, parseTime, timeString } from '../time-format';
import { TError, TTime, ZERO_TIME_NS, type ImmutableMap, type Value } from '../values';
import { argCount, badArg, float, intArg, moduleOf, numArg, strArg } from './args';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const UNITS: Record<string, bigint> = { ns: 1n, us: 1000n, 'µs': 1000n, 'μs': 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };

/** Go's time.ParseDuration. */
export function parseDuration(s: string): bigint {
  const bad = () => new Error(`time: invalid duration ${JSON.stringify(s)}`);
  let rest = s;
  let sign = 1n;
  if (rest[0] === '-' || rest[0] === '+') {
    if (rest[0] === '-') sign = -1n;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') throw bad();
  let total = 0n;
  while (rest !== '') {
    const m = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) throw bad();
    const unit = UNITS[m[3]!]!;
    const frac = m[2] ?? '';
    total += BigInt(m[1] || '0') * unit + (frac ? (BigInt(frac) * unit) / 10n ** BigInt(frac.length) : 0n);
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

function fracDigits(v: bigint, digits: number): string {
  const s = v.toString().padStart(digits + 1, '0');
  const whole = s.slice(0, -digits);
  const frac = s.slice(-digits).replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}

/** Go's Duration.String(): "1h2m3.5s", "1.5ms", "0s". */
export function durationString(d: bigint): string {
  if (d === 0n) return '0s';
  const neg = d < 0n;
  const u = neg ? -d : d;
  let out: string;
  if (u < 1_000_000_000n) {
    if (u < 1000n) out = `${u}ns`;
    else if (u < 1_000_000n) out = `${fracDigits(u, 3)}µs`;
    else out = `${fracDigits(u, 6)}ms`;
  } else {
    const secs = u / 1_000_000_000n;
    const sub = u % 1_000_000_000n;
    out = `${fracDigits((secs % 60n) * 1_000_000_000n + sub, 9)}s`;
    const mins = secs / 60n;
    if (mins > 0n) {
      out = `${mins % 60n}m${out}`;
      const hours = mins / 60n;
      if (hours > 0n) out = `${hours}h${out}`;
    }
  }
  return (neg ? '-' : '') + out;
}

function timeArg(args: Value[], i: number): TTime {
  const t = args[i];
  if (!(t instanceof TTime)) throw badArg(i, 'time(compatible)', t);
  return t;
}

const big = (n: Int) => BigInt(n);
const nowTime = () => new TTime(BigInt(Date.now()) * 1_000_000n);

export function timesModule(m: Machine, sleep: (ms: number) => void): ImmutableMap {
  const t1 = (f: (t: TTime) => Value) => (args: Value[]) => {
    argCount(args, 1);
    return f(timeArg(args, 0));
  };
  const d1 = (f: (d: bigint) => Value) => (args: Value[]) => {
    argCount(args, 1);
    return f(big(intArg(args, 0)));
  };
  const field = (k: 'year' | 'month' | 'day' | 'weekday' | 'hour' | 'minute' | 'second' | 'nsec') => t1((t) => civil(t)[k]);
  void m;
  return moduleOf({
    format_ansic: 'Mon Jan _2 15:04:05 2006',
    format_unix_date: 'Mon Jan _2 15:04:05 MST 2006',
    format_ruby_date: 'Mon Jan 02 15:04:05 -0700 2006',
    format_rfc822: '02 Jan 06 15:04 MST',
    format_rfc822z: '02 Jan 06 15:04 -0700',
    format_rfc850: 'Monday, 02-Jan-06 15:04:05 MST',
    format_rfc1123: 'Mon, 02 Jan 2006 15:04:05 MST',
    format_rfc1123z: 'Mon, 02 Jan 2006 15:04:05 -0700',
    format_rfc3339: '2006-01-02T15:04:05Z07:00',
    format_rfc3339_nano: '2006-01-02T15:04:05.999999999Z07:00',
    format_kitchen: '3:04PM',
    format_stamp: 'Jan _2 15:04:05',
    format_stamp_milli: 'Jan _2 15:04:05.000',
    format_stamp_micro: 'Jan _2 15:04:05.000000',
    format_stamp_nano: 'Jan _2 15:04:05.000000000',
    nanosecond: 1,
    microsecond: 1000,
    millisecond: 1_000_000,
    second: 1_000_000_000,
    minute: 60_000_000_000,
    hour: 3_600_000_000_000,
    ...Object.fromEntries(MONTHS.map((name, i) => [name.toLowerCase(), i + 1])),
    sleep: d1((d) => {
      if (d > 0n) sleep(Number(d / 1_000_000n));
      return undefined;
    }),
    parse_duration: (args): Value => {
      argCount(args, 1);
      try {
        return norm(parseDuration(strArg(args, 0)));
      } catch (e) {
        return new TError((e as Error).message);
      }
    },
    since: t1((t) => norm(nowTime().ns - t.ns)),
    until: t1((t) => norm(t.ns - nowTime().ns)),
    duration_hours: d1((d) => float(Number(d) / 3.6e12)),
    duration_minutes: d1((d) => float(Number(d) / 6e10)),
    duration_nanoseconds: d1((d) => norm(d)),
    duration_seconds: d1((d) => float(Number(d) / 1e9)),
    duration_string: d1((d) => durationString(d)),
    month_string: (args) => {
      argCount(args, 1);
      const n = numArg(args, 0);
      return MONTHS[n - 1] ?? `%!Month(${n})`;
    },
    date: (args) => {
      argCount(args, 3, 7);
      const n = (i: number) => (i < args.length ? numArg(args, i) : 0);
      return fromCivil(n(0), n(1), n(2), n(3), n(4), n(5), n(6), false);
    },
    now: (args) => {
      argCount(args, 0);
      return nowTime();
    },
    parse: (args): Value => {
      argCount(args, 2);
      try {
        return parseTime(strArg(args, 0), strArg(args, 1));
      } catch (e) {
        return new TError((e as Error).message);
      }
    },
    unix: (args) => {
      argCount(args, 2);
      return new TTime(big(intArg(args, 0)) * 1_000_000_000n + big(intArg(args, 1)));
    },
    add: (args) => {
      argCount(args, 2);
      const t = timeArg(args, 0);
      return new TTime(t.ns + big(intArg(args, 1)), t.utc);
    },
    add_date: (args) => {
      argCount(args, 4);
      const t = timeArg(args, 0);
      const c = civil(t);
      return fromCivil(c.year + numArg(args, 1), c.month + numArg(args, 2), c.day + numArg(args, 3), c.hour, c.minute, c.second, c.nsec, t.utc);
    },
    sub: (args) => {
      argCount(args, 2);
      return norm(timeArg(args, 0).ns - timeArg(args, 1).ns);
    },
    after: (args) => {
      argCount(args, 2);
      return timeArg(args, 0).ns > timeArg(args, 1).ns;
    },
    before: (args) => {
      argCount(args, 2);
      return timeArg(args, 0).ns < timeArg(args, 1).ns;
    },
    time_year: field('year'),
    time_month: field('month'),
    time_day: field('day'),
    time_weekday: field('weekday'),
    time_hour: field('hour'),
    time_minute: field('minute'),
    time_second: field('second'),
    time_nanosecond: field('nsec'),
    time_unix: t1((t) => norm(t.ns / 1_000_000_000n - (t.ns % 1_000_000_000n < 0n ? 1n : 0n))),
    time_unix_nano: t1((t) => norm(t.ns)),
    time_format: (args) => {
      argCount(args, 2);
      return formatTime(timeArg(args, 0), strArg(args, 1));
    },
    time_location: t1((t) => (t.utc ? 'UTC' : 'Local')),
    time_string: t1((t) => timeString(t)),
    is_zero: t1((t) => t.ns === ZERO_TIME_NS),
    to_local: t1((t) => new TTime(t.ns, false)),
    to_utc: t1((t) => new TTime(t.ns, true)),
  });
}
