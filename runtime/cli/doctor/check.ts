/** One line of `llmspell doctor`: what was checked, what was found and, when it failed, the fix. */
export interface CheckResult {
  ok: boolean;
  /** What was checked: `config`, `provider openai`, `engine lua`, ... */
  subject: string;
  /** What was found. */
  detail: string;
  /** What to do about a failure; printed after the detail. */
  fix?: string;
}

export const pass = (subject: string, detail: string): CheckResult => ({ ok: true, subject, detail });
export const fail = (subject: string, detail: string, fix: string): CheckResult => ({ ok: false, subject, detail, fix });

/** `✓ subject: detail` or `✗ subject: detail — fix: ...`. */
export function formatCheck(result: CheckResult): string {
  const line = `${result.ok ? '✓' : '✗'} ${result.subject}: ${result.detail}`;
  return result.fix ? `${line}\n    fix: ${result.fix}` : line;
}
