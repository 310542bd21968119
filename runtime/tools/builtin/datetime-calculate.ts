/** The `datetime_calculate` tool: add or subtract a duration, or the difference between two dates. */
import { addDuration, checkTimeZone, isoString, parseDate, parseDuration, type Duration } from '../datetime';
import { defineTool } from '../tool-types';

type Params = { operation: 'add' | 'subtract' | 'diff'; date: string | number; duration?: string | Duration; other?: string | number; timezone?: string };

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Date arithmetic: add/subtract (calendar months and years, exact days and times, in UTC) and diff. */
export const datetimeCalculate = defineTool<Params>({
  name: 'datetime_calculate',
  description:
    "Date arithmetic. add/subtract: 'date' plus or minus 'duration' (ISO 8601 like P1M2DT3H, or {years, months, weeks, days, hours, minutes, seconds}); returns ISO text (local to 'timezone' when given). diff: 'other' minus 'date' in milliseconds, seconds, minutes, hours, days and weeks.",
  parameters: {
    type: 'object',
    properties: {
      operation: { type: 'string', enum: ['add', 'subtract', 'diff'] },
      date: { type: ['string', 'number'] },
      duration: {
        oneOf: [
          { type: 'string' },
          {
            type: 'object',
            properties: {
              years: { type: 'integer' },
              months: { type: 'integer' },
              weeks: { type: 'number' },
              days: { type: 'number' },
              hours: { type: 'number' },
              minutes: { type: 'number' },
              seconds: { type: 'number' },
            },
            additionalProperties: false,
          },
        ],
      },
      other: { type: ['string', 'number'] },
      timezone: { type: 'string', minLength: 1 },
    },
    required: ['operation', 'date'],
    additionalProperties: false,
  },
  run: (p) => {
    const date = parseDate(p.date, 'date');
    if (p.timezone) checkTimeZone(p.timezone);
    if (p.operation === 'diff') {
      if (p.other === undefined) throw new Error("operation 'diff' needs parameter 'other'");
      const ms = parseDate(p.other, 'other').getTime() - date.getTime();
      return { milliseconds: ms, seconds: round(ms / 1000), minutes: round(ms / 60_000), hours: round(ms / 3_600_000), days: round(ms / 86_400_000), weeks: round(ms / 604_800_000) };
    }
    if (p.duration === undefined) throw new Error(`operation '${p.operation}' needs parameter 'duration'`);
    const duration = typeof p.duration === 'string' ? parseDuration(p.duration, 'duration') : p.duration;
    return isoString(addDuration(date, duration, p.operation === 'add' ? 1 : -1), p.timezone);
  },
});
