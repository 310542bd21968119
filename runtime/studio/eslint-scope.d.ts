/** The part of eslint-scope (ESLint's scope analyser; it ships no types) that js-lint.ts uses. */
declare module 'eslint-scope' {
  /** A use of a name; `through` references are those no scope of the program declares. */
  interface Reference {
    identifier: { type: 'Identifier'; name: string; start: number; end: number };
  }
  interface Scope {
    through: Reference[];
  }
  interface ScopeManager {
    globalScope: Scope | null;
  }
  export function analyze(
    ast: object,
    options?: { ecmaVersion?: number; sourceType?: 'script' | 'module' | 'commonjs'; fallback?: 'iteration'; childVisitorKeys?: Record<string, string[]> },
  ): ScopeManager;
}
