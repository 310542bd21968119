import { z } from 'zod';

/** A case of a spell test as the test explorer lists it before a run (found by reading the file). */
export const TestCaseInfo = z.object({
  name: z.string(),
  /** 1-based line of its `test(...)` call. */
  line: z.int(),
});

/** A test file of a spell (`tests/*.test.lua`, `.js` or `.tengo`), found as `llmspell test` finds it. */
export const TestFileInfo = z.object({
  /** Path relative to the spell folder: `tests/hello.test.lua` (the editor's file name). */
  file: z.string(),
  /** Its named cases; empty when it names none (then the file is one case, named by its path). */
  cases: z.array(TestCaseInfo),
  /** Whether `tests/<name>.cassette.json` exists: runs replay it instead of the mock LLM. */
  cassette: z.boolean(),
});
export type TestFileInfo = z.infer<typeof TestFileInfo>;

/** One finished case, as `llmspell test --json` reports it. */
export const TestResult = z.object({
  file: z.string(),
  name: z.string(),
  ok: z.boolean(),
  /** The failure's message (the failing assertion's text). */
  error: z.string().optional(),
  /** The line (and column) of the failure in the test file, when its message names one. */
  line: z.int().optional(),
  column: z.int().optional(),
  durationMs: z.number(),
});
export type TestResult = z.infer<typeof TestResult>;

/** What a test run reports while it goes, in order: file starts, results as cases finish, the end. */
export const TestRunEvent = z.discriminatedUnion('type', [
  /** A test file began (its cases run next). */
  z.object({ type: z.literal('file'), file: z.string() }),
  z.object({ type: z.literal('result'), result: TestResult }),
  z.object({
    type: z.literal('done'),
    passed: z.int(),
    failed: z.int(),
    /** Stopped by the user: the cases not reported never finished. */
    stopped: z.boolean(),
    /** The run could not go on (a broken cassette, a recording that failed ...). */
    error: z.string().optional(),
  }),
]);
export type TestRunEvent = z.infer<typeof TestRunEvent>;
