/** A named case declared in a test file, as the test explorer lists it before anything runs. */
export interface DeclaredCase {
  name: string;
  /** 1-based line of the `test(...)` call. */
  line: number;
}

// `test("name", ...)` / `it('name', ...)` at the start of a line (Lua, JavaScript), or
// `testing.test("name", ...)` on any module variable (Tengo). Only literal names are found.
const LUA_JS = /^\s*(?:await\s+)?(?:test|it)\s*\(\s*(["'`])((?:\\.|(?!\1).)*)\1/;
const TENGO = /^\s*\w+\.(?:test|it)\s*\(\s*(["`])((?:\\.|(?!\1).)*)\1/;

/**
 * The cases a test file declares, found by reading it (never by running it): the list the studio
 * shows before the first run. A case whose name is computed appears once it has run.
 */
export function listCases(source: string, fileName: string): DeclaredCase[] {
  const pattern = fileName.endsWith('.tengo') ? TENGO : LUA_JS;
  const found: DeclaredCase[] = [];
  source.split('\n').forEach((text, i) => {
    const match = pattern.exec(text);
    if (match) found.push({ name: unescape(match[2]!), line: i + 1 });
  });
  return found;
}

/** The common escapes of a string literal; a name with others shows as written. */
function unescape(text: string): string {
  return text.replace(/\\(["'`\\])/g, '$1');
}
