/**
 * `{{ }}` templates: text with expressions inside double braces (`Summarize {{topic}}`,
 * `{{ upper(item.name) }}`). A string that is exactly one `{{expr}}` renders to the raw value, so
 * structured templates can pass lists and mappings through unchanged.
 */
import { compileExpression, evaluate, type Scope } from './evaluate';
import { toText } from './functions';
import { freeNames, type Expr } from './parse';

type Part = string | Expr;

const compiled = new Map<string, Part[]>();
const PATTERN = /\{\{([\s\S]*?)\}\}/g;

/** Splits a template into text and parsed expressions; throws naming the bad expression. */
export function compileTemplate(text: string): Part[] {
  let parts = compiled.get(text);
  if (parts) return parts;
  parts = [];
  let last = 0;
  for (const match of text.matchAll(PATTERN)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    try {
      parts.push(compileExpression(match[1] ?? ''));
    } catch (error) {
      throw new Error(`in {{${match[1]}}}: ${(error as Error).message}`);
    }
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  if (compiled.size > 5000) compiled.clear();
  compiled.set(text, parts);
  return parts;
}

/** The template as text: each expression's value as {@link toText} shows it. */
export function renderText(text: string, scope: Scope): string {
  if (!text.includes('{{')) return text;
  return compileTemplate(text)
    .map((part) => (typeof part === 'string' ? part : toText(evaluateIn(part, scope, text))))
    .join('');
}

/** Like {@link renderText}, but `"{{expr}}"` alone yields the expression's value itself. */
export function renderValue(text: string, scope: Scope): unknown {
  if (!text.includes('{{')) return text;
  const parts = compileTemplate(text);
  if (parts.length === 1 && typeof parts[0] !== 'string') return evaluateIn(parts[0]!, scope, text);
  return renderText(text, scope);
}

/** Renders every string inside a JSON-like value with {@link renderValue}. */
export function renderDeep(value: unknown, scope: Scope): unknown {
  if (typeof value === 'string') return renderValue(value, scope);
  if (Array.isArray(value)) return value.map((item) => renderDeep(item, scope));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderDeep(v, scope)]));
  }
  return value;
}

/** Names a template (or a JSON-like value holding templates) reads; throws on a syntax error. */
export function templateNames(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    for (const part of compileTemplate(value)) if (typeof part !== 'string') freeNames(part, into);
  } else if (Array.isArray(value)) for (const item of value) templateNames(item, into);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) templateNames(v, into);
  return into;
}

function evaluateIn(expr: Expr, scope: Scope, text: string): unknown {
  try {
    return evaluate(expr, scope);
  } catch (error) {
    throw new Error(`template "${text.length > 60 ? `${text.slice(0, 57)}...` : text}": ${(error as Error).message}`);
  }
}
