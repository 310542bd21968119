/**
 * Tengo in Monaco: the language id, a Monarch grammar written from Tengo's documentation
 * (tutorial.md, operators.md, builtins.md), and bracket/comment rules. Monaco ships no Tengo.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';

/** Tengo's keywords (`error`, `immutable` and `import` are keywords, not functions). */
export const TENGO_KEYWORDS = ['break', 'continue', 'else', 'for', 'func', 'if', 'return', 'export', 'in', 'import', 'error', 'immutable'];

/** Tengo's builtin functions (builtins.md). */
export const TENGO_BUILTINS = [
  'len', 'copy', 'append', 'delete', 'splice', 'type_name', 'format', 'range',
  'string', 'int', 'bool', 'float', 'char', 'bytes', 'time',
  'is_int', 'is_float', 'is_string', 'is_bool', 'is_char', 'is_bytes', 'is_array', 'is_immutable_array', 'is_map',
  'is_immutable_map', 'is_iterable', 'is_time', 'is_error', 'is_undefined', 'is_function', 'is_callable',
];

/** The standard modules a Tengo spell may import (there is no `os`). */
export const TENGO_STDLIB = ['fmt', 'text', 'math', 'times', 'rand', 'json', 'base64', 'hex', 'enum'];

export const tengoGrammar: Monaco.languages.IMonarchLanguage = {
  defaultToken: '',
  keywords: TENGO_KEYWORDS,
  constants: ['true', 'false', 'undefined'],
  builtins: TENGO_BUILTINS,
  operators: [
    '+', '-', '*', '/', '%', '&', '|', '^', '<<', '>>', '&^', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=', '&^=',
    '&&', '||', '++', '--', '==', '<', '>', '=', '!', '!=', '<=', '>=', ':=', '...', '?', ':',
  ],
  symbols: /[=><!~?:&|+\-*/^%.]+/,
  escapes: /\\(?:[abfnrtv\\"']|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0-7]{3})/,
  tokenizer: {
    root: [
      [/[a-zA-Z_]\w*(?=\s*\()/, { cases: { '@keywords': 'keyword', '@builtins': 'predefined', '@default': 'identifier' } }],
      [/[a-zA-Z_]\w*/, { cases: { '@keywords': 'keyword', '@constants': 'constant', '@builtins': 'predefined', '@default': 'identifier' } }],
      { include: '@whitespace' },
      [/[{}()[\]]/, '@brackets'],
      [/@symbols/, { cases: { '@operators': 'operator', '@default': '' } }],
      [/\d*\.\d+([eE][-+]?\d+)?/, 'number.float'],
      [/\d+[eE][-+]?\d+/, 'number.float'],
      [/0[xX][0-9a-fA-F]+/, 'number.hex'],
      [/0[oO]?[0-7]+/, 'number.octal'],
      [/\d+/, 'number'],
      [/[;,.]/, 'delimiter'],
      [/"([^"\\]|\\.)*$/, 'string.invalid'],
      [/"/, 'string', '@string'],
      [/`/, 'string', '@rawstring'],
      [/'[^\\']'/, 'string'],
      [/(')(@escapes)(')/, ['string', 'string.escape', 'string']],
      [/'/, 'string.invalid'],
    ],
    whitespace: [
      [/[ \t\r\n]+/, ''],
      [/\/\*/, 'comment', '@comment'],
      [/\/\/.*$/, 'comment'],
    ],
    comment: [
      [/[^/*]+/, 'comment'],
      [/\*\//, 'comment', '@pop'],
      [/[/*]/, 'comment'],
    ],
    string: [
      [/[^\\"]+/, 'string'],
      [/@escapes/, 'string.escape'],
      [/\\./, 'string.escape.invalid'],
      [/"/, 'string', '@pop'],
    ],
    rawstring: [
      [/[^`]+/, 'string'],
      [/`/, 'string', '@pop'],
    ],
  },
};

export const tengoConfiguration: Monaco.languages.LanguageConfiguration = {
  comments: { lineComment: '//', blockComment: ['/*', '*/'] },
  brackets: [
    ['{', '}'],
    ['[', ']'],
    ['(', ')'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"', notIn: ['string', 'comment'] },
    { open: '`', close: '`', notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"' },
    { open: '`', close: '`' },
  ],
  indentationRules: { increaseIndentPattern: /^.*\{[^}"'`]*$/, decreaseIndentPattern: /^\s*\}/ },
};

/** Registers Tengo (`.tengo` files) with Monaco. */
export function registerTengoLanguage(monaco: typeof Monaco): void {
  monaco.languages.register({ id: 'tengo', extensions: ['.tengo'], aliases: ['Tengo', 'tengo'] });
  monaco.languages.setMonarchTokensProvider('tengo', tengoGrammar);
  monaco.languages.setLanguageConfiguration('tengo', tengoConfiguration);
}
