import type { TestCaseResult } from './run-tests';

/** TAP 13 lines for test results, streamed as they come (`ok 1 - hello: greets`), then the plan. */
export class TapWriter {
  private count = 0;

  constructor(private readonly write: (text: string) => void) {
    write('TAP version 13\n');
  }

  result(result: TestCaseResult): void {
    this.count++;
    const name = `${result.spell}: ${result.name}`.replace(/#/g, '\\#');
    this.write(`${result.ok ? 'ok' : 'not ok'} ${this.count} - ${name}\n`);
    if (!result.ok && result.error) {
      const message = result.error.split('\n').map((line) => `    ${line}`).join('\n');
      this.write(`  ---\n  file: ${result.file}\n  message: |-\n${message}\n  ...\n`);
    }
  }

  end(results: TestCaseResult[]): void {
    const failed = results.filter((r) => !r.ok).length;
    this.write(`1..${this.count}\n# ${results.length - failed} passed, ${failed} failed\n`);
  }
}
