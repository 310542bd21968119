import { describe, expect, it } from 'vitest';
import { runTool } from './run-tool';

describe('datetime_now', () => {
  it('returns UTC and zone-local ISO times', async () => {
    const before = Date.now();
    const now = (await runTool('datetime_now', { timezone: 'Asia/Kolkata' })) as Record<string, string | number>;
    expect(Math.abs((now.unix_ms as number) - before)).toBeLessThan(5000);
    expect(now.iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(now.local).toMatch(/\+05:30$/);
    expect(new Date(now.local as string).getTime()).toBe(now.unix_ms);
    await expect(runTool('datetime_now', { timezone: 'Mars/Base' })).rejects.toThrow("datetime_now: unknown timezone 'Mars/Base' (use an IANA name like 'Europe/Paris' or 'UTC')");
  });
});

describe('datetime_format', () => {
  const date = '2024-03-10T14:05:09.250Z';
  it.each([
    [{ date }, '2024-03-10T14:05:09.250Z'],
    [{ date, timezone: 'Europe/Paris' }, '2024-03-10T15:05:09.250+01:00'],
    [{ date, format: 'date' }, '2024-03-10'],
    [{ date, format: 'datetime', timezone: 'America/New_York' }, '2024-03-10 10:05:09'],
    [{ date, format: 'DD/MM/YYYY HH:mm Z', timezone: 'Asia/Tokyo' }, '10/03/2024 23:05 +09:00'],
    [{ date, format: 'unix' }, 1710079509],
    [{ date: 0, format: 'iso' }, '1970-01-01T00:00:00.000Z'],
    [{ date: '2024-03-10T14:05', format: 'time' }, '14:05:00'],
    [{ date: '2024-03-10T14:05:00+02:00', format: 'time' }, '12:05:00'],
    [{ date, format: 'long', locale: 'en-GB' }, new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'long', timeZone: 'UTC' }).format(new Date(date))],
  ])('%j', async (params, expected) => {
    expect(await runTool('datetime_format', params)).toBe(expected);
  });

  it('refuses loose or impossible dates', async () => {
    await expect(runTool('datetime_format', { date: 'March 3' })).rejects.toThrow(
      "datetime_format: 'date' must be an ISO 8601 date like 2024-05-01 or 2024-05-01T14:30:00Z, got 'March 3'",
    );
    await expect(runTool('datetime_format', { date: '2023-02-29' })).rejects.toThrow("'date' must be an ISO 8601 date");
    await expect(runTool('datetime_format', { date, format: 'long', locale: 'xx-!!' })).rejects.toThrow("datetime_format: unknown locale 'xx-!!'");
    await expect(runTool('datetime_format', { date: true })).rejects.toThrow('datetime_format: invalid parameters: /date: must be string,number');
  });
});

describe('datetime_calculate', () => {
  it.each([
    [{ operation: 'add', date: '2024-01-31', duration: 'P1M' }, '2024-02-29T00:00:00.000Z'],
    [{ operation: 'add', date: '2024-01-31T10:00:00Z', duration: { days: 1, hours: 2 } }, '2024-02-01T12:00:00.000Z'],
    [{ operation: 'subtract', date: '2024-03-01', duration: 'P1Y2M' }, '2023-01-01T00:00:00.000Z'],
    [{ operation: 'add', date: '2024-03-01T00:00:00Z', duration: 'PT1.5H', timezone: 'Europe/Paris' }, '2024-03-01T02:30:00.000+01:00'],
    [{ operation: 'add', date: '2024-01-01', duration: 'P2W' }, '2024-01-15T00:00:00.000Z'],
  ])('%j', async (params, expected) => {
    expect(await runTool('datetime_calculate', params)).toBe(expected);
  });

  it('computes differences', async () => {
    expect(await runTool('datetime_calculate', { operation: 'diff', date: '2024-01-01', other: '2024-01-02T12:00:00Z' })).toEqual({
      milliseconds: 129_600_000,
      seconds: 129_600,
      minutes: 2160,
      hours: 36,
      days: 1.5,
      weeks: 0.214286,
    });
  });

  it('names missing or bad inputs', async () => {
    await expect(runTool('datetime_calculate', { operation: 'diff', date: '2024-01-01' })).rejects.toThrow("datetime_calculate: operation 'diff' needs parameter 'other'");
    await expect(runTool('datetime_calculate', { operation: 'add', date: '2024-01-01', duration: '1 day' })).rejects.toThrow(
      "datetime_calculate: 'duration' must be an ISO 8601 duration like P1DT2H or PT30M, got '1 day'",
    );
    await expect(runTool('datetime_calculate', { operation: 'add', date: '2024-01-01', duration: 'PT' })).rejects.toThrow("'duration' must be an ISO 8601 duration");
  });
});
