import type { BridgeDoc, BridgeIndex } from './bridge-docs';

/**
 * What the cursor is on, from plain text: the completions after `llm.`, the call whose signature
 * to show, the bridge name under the mouse. Pure, so tests drive them without Monaco.
 */

/** Completions at the end of `linePrefix`, and where the word being typed starts (0-based). */
export function completionsAt(index: BridgeIndex, linePrefix: string): { items: BridgeDoc[]; from: number } | undefined {
  // Tengo: the module names inside `import("`.
  const imported = index.language === 'tengo' ? /\bimport\(\s*"(\w*)$/.exec(linePrefix) : null;
  if (imported) return { items: index.imports.map(importDoc), from: linePrefix.length - (imported[1] ?? '').length };
  if (inStringOrComment(linePrefix, index.language)) return undefined;
  const member = /([A-Za-z_]\w*)\s*([.:])\s*(\w*)$/.exec(linePrefix);
  if (member) {
    const [, object, sep, partial = ''] = member;
    const from = linePrefix.length - partial.length;
    const modules = index.members.get(object!);
    if (sep === '.' && modules) return { items: modules, from };
    if (sep === ':' && index.language === 'lua') return { items: index.methods, from };
    return undefined;
  }
  const word = /(?:^|[^\w.:])(\w*)$/.exec(linePrefix);
  if (!word) return undefined;
  return { items: index.globals, from: linePrefix.length - (word[1] ?? '').length };
}

/** The bridge function whose call the text ends inside, and which argument the cursor is in. */
export function signatureAt(index: BridgeIndex, textBefore: string): { doc: BridgeDoc; activeParameter: number } | undefined {
  const calls = openCalls(textBefore.slice(-4000), index.language);
  const call = calls[calls.length - 1];
  if (!call) return undefined;
  const doc = lookup(index, textBefore.slice(0, call.at));
  return doc && doc.kind !== 'module' && doc.kind !== 'value' ? { doc, activeParameter: call.commas } : undefined;
}

/** The bridge name at a 1-based column of a line, with its 1-based start and end columns. */
export function hoverAt(index: BridgeIndex, line: string, column: number): { doc: BridgeDoc; start: number; end: number } | undefined {
  let start = column - 1;
  let end = column - 1;
  while (start > 0 && /\w/.test(line[start - 1]!)) start--;
  while (end < line.length && /\w/.test(line[end]!)) end++;
  if (start === end) return undefined;
  const doc = lookup(index, line.slice(0, end));
  return doc ? { doc, start: start + 1, end: end + 1 } : undefined;
}

/** The doc of the name that `text` ends with: `llm.chat`, `agent:execute`, `json`, `params`. */
function lookup(index: BridgeIndex, text: string): BridgeDoc | undefined {
  const member = /([A-Za-z_]\w*)\s*([.:])\s*([A-Za-z_]\w*)\s*$/.exec(text);
  if (member) {
    const [, object, sep, name] = member;
    const inModule = sep === '.' ? index.members.get(object!)?.find((d) => d.name === name) : undefined;
    if (inModule) return inModule;
    if (sep === ':' || (index.language !== 'lua' && !index.members.has(object!))) return index.methods.find((d) => d.name === name);
    return undefined;
  }
  const bare = /(?:^|[^\w.:])([A-Za-z_]\w*)\s*$/.exec(text);
  return bare ? index.globals.find((d) => d.name === bare[1]) : undefined;
}

/** A module name offered inside Tengo's `import("`. */
function importDoc(name: string): BridgeDoc {
  return { kind: 'module', name, qualified: name, signature: `${name} := import("${name}")`, doc: '', params: [], insertText: name };
}

/** Unclosed `(` of the text with the commas seen at their level, skipping strings and comments. */
function openCalls(text: string, language: BridgeIndex['language']): { at: number; commas: number }[] {
  const stack: { char: string; at: number; commas: number }[] = [];
  const closers: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (let i = 0; i < text.length; i++) {
    const skip = skipLiteral(text, i, language);
    if (skip > i) {
      i = skip - 1;
      continue;
    }
    const c = text[i]!;
    if (c === '(' || c === '[' || c === '{') stack.push({ char: c, at: i, commas: 0 });
    else if (closers[c]) {
      while (stack.length && stack[stack.length - 1]!.char !== closers[c]) stack.pop();
      stack.pop();
    } else if (c === ',' && stack.length) stack[stack.length - 1]!.commas++;
  }
  // Only the innermost `(` counts, and only when no table or array literal is open inside it.
  const top = stack[stack.length - 1];
  return top && top.char === '(' ? [top] : [];
}

/** The index after a string or comment starting at `i`, or `i` when none starts there. */
function skipLiteral(text: string, i: number, language: BridgeIndex['language']): number {
  const c = text[i]!;
  const rest = text.slice(i, i + 4);
  const lineEnd = () => (text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i));
  if (language === 'lua' && rest.startsWith('--[[')) return closeAt(text, ']]', i + 4);
  if (language === 'lua' && rest.startsWith('--')) return lineEnd();
  if (language === 'lua' && rest.startsWith('[[')) return closeAt(text, ']]', i + 2);
  if (language !== 'lua' && rest.startsWith('//')) return lineEnd();
  if (language !== 'lua' && rest.startsWith('/*')) return closeAt(text, '*/', i + 2);
  if (c === '"' || c === "'" || (c === '`' && language !== 'lua')) {
    let j = i + 1;
    while (j < text.length && text[j] !== c && (c === '`' || text[j] !== '\n')) j += text[j] === '\\' ? 2 : 1;
    return Math.min(text.length, j + 1);
  }
  return i;
}

function closeAt(text: string, close: string, from: number): number {
  const at = text.indexOf(close, from);
  return at === -1 ? text.length : at + close.length;
}

/** Whether the end of a line prefix is inside a string or comment (no completions there). */
function inStringOrComment(prefix: string, language: BridgeIndex['language']): boolean {
  for (let i = 0; i < prefix.length; i++) {
    const end = skipLiteral(prefix, i, language);
    if (end <= i) continue;
    if (end < prefix.length) {
      i = end - 1;
      continue;
    }
    // The literal reaches the end of the prefix: inside it unless its closer is the last thing typed.
    const opener = prefix[i]!;
    if (opener === '"' || opener === "'" || opener === '`') return !(end - 1 > i && prefix[end - 1] === opener);
    const closer = prefix.startsWith('/*', i) ? '*/' : prefix.startsWith('[[', i) || prefix.startsWith('--[[', i) ? ']]' : undefined;
    return !(closer && prefix.endsWith(closer) && prefix.length - closer.length > i + 1);
  }
  return false;
}
