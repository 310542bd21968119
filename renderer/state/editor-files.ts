import type { SpellSummary } from '../../runtime/contract/studio-api';

/** One open file of a spell: what is on disk (`saved`, `mtime`) and what the editor holds (`draft`). */
export interface EditorFile {
  name: string;
  saved: string;
  draft: string;
  /** Modification time when read or last saved: the `baseMtime` of the next save. */
  mtime: number;
}

/** An unsaved edit kept by the host after a crash or reload, offered back to the user. */
export interface RecoveryOffer {
  file: string;
  content: string;
  savedAt: number;
}

/** Monaco language ids the renderer bundles. */
export type EditorLanguage = 'lua' | 'javascript' | 'typescript' | 'tengo' | 'yaml' | 'markdown' | 'plaintext';

const LANGUAGES: Record<string, EditorLanguage> = {
  lua: 'lua',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  ts: 'typescript',
  tengo: 'tengo',
  yaml: 'yaml',
  yml: 'yaml',
  md: 'markdown',
};

/** The editor language of a file, by extension. */
export function languageOf(name: string): EditorLanguage {
  return LANGUAGES[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'plaintext';
}

/** Whether the editor holds edits that are not on disk. */
export function isDirty(file: EditorFile): boolean {
  return file.draft !== file.saved;
}

function rank(name: string, engine: SpellSummary['engine'] | undefined): number {
  const top = !name.includes('/');
  const source = engine === 'javascript' ? /\.(m|c)?js$/ : engine === 'tengo' ? /\.tengo$/ : /\.lua$/;
  if (top && source.test(name)) return name.startsWith('main.') ? 0 : 1;
  if (name === 'spell.yaml') return 2;
  if (name === 'README.md') return 3;
  return 4;
}

/** Files as the host read them, ordered for tabs: the source first, then spell.yaml, README, the rest. */
export function fromOpened(files: readonly { name: string; content: string; mtime: number }[], engine?: SpellSummary['engine']): EditorFile[] {
  return files
    .map((f) => ({ name: f.name, saved: f.content, draft: f.content, mtime: f.mtime }))
    .sort((a, b) => rank(a.name, engine) - rank(b.name, engine) || a.name.localeCompare(b.name));
}

/** Replaces one file's draft. */
export function setDraft(files: readonly EditorFile[], name: string, draft: string): EditorFile[] {
  return files.map((f) => (f.name === name ? { ...f, draft } : f));
}

/** Records a successful save of `content` (the draft may have moved on meanwhile). */
export function markSaved(files: readonly EditorFile[], name: string, content: string, mtime: number): EditorFile[] {
  return files.map((f) => (f.name === name ? { ...f, saved: content, mtime } : f));
}

/** Replaces a file with what is on disk now, dropping its draft (an explicit user choice). */
export function loadFromDisk(files: readonly EditorFile[], name: string, content: string, mtime: number): EditorFile[] {
  return files.map((f) => (f.name === name ? { name, saved: content, draft: content, mtime } : f));
}

/** Recovery copies worth offering: those of open files whose content differs from the disk. */
export function recoveryOffers(files: readonly EditorFile[], copies: readonly RecoveryOffer[]): RecoveryOffer[] {
  return copies.filter((copy) => files.some((f) => f.name === copy.file && f.saved !== copy.content));
}

/** Recovery copies that match the disk already: nothing to offer, safe to drop. */
export function staleRecoveries(files: readonly EditorFile[], copies: readonly RecoveryOffer[]): RecoveryOffer[] {
  return copies.filter((copy) => files.some((f) => f.name === copy.file && f.saved === copy.content));
}

/**
 * The open file a reference names: `main.lua`, `lib/util.lua`, or an absolute path ending in one
 * of them. Undefined when no open file matches.
 */
export function resolveFileName(names: readonly string[], ref: string): string | undefined {
  const clean = ref.replace(/\\/g, '/');
  return names.find((n) => n === clean) ?? names.find((n) => clean.endsWith(`/${n}`)) ?? names.find((n) => n.split('/').pop() === clean.split('/').pop());
}
