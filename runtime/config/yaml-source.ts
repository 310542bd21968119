import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { firstLine, lineOf } from '../yaml/yaml-lines';
import { flatten, isPlainObject, type Layer } from './layer';

/**
 * Reads one YAML config file as a layer labelled `label` (`./llmspell.yaml`, `~/.llmspell/config.yaml`).
 * A missing file is an empty layer; unreadable files, syntax errors and a non-mapping top level are
 * problems with a line. Values are checked against the schema later, by validateLayer.
 */
export function readYamlLayer(file: string, label: string): Layer {
  const layer: Layer = { label, entries: [], problems: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return layer;
    layer.problems.push({ source: label, path: '', message: `cannot read ${file}: ${(err as Error).message}` });
    return layer;
  }

  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true });
  layer.lineOf = (path) => lineOf(doc, counter, path);
  for (const error of doc.errors) {
    const line = error.linePos?.[0]?.line;
    const message = `YAML syntax error: ${firstLine(error.message)}`;
    layer.problems.push(line === undefined ? { source: label, path: '', message } : { source: label, path: '', line, message });
  }
  if (doc.errors.length > 0) return layer;

  let data: unknown;
  try {
    data = doc.toJS();
  } catch (err) {
    // e.g. too many alias expansions ("billion laughs"): refuse the file rather than hang.
    layer.problems.push({ source: label, path: '', message: `YAML error: ${(err as Error).message}` });
    return layer;
  }
  if (data === null || data === undefined) return layer;
  if (!isPlainObject(data)) {
    layer.problems.push({ source: label, path: '', line: lineOf(doc, counter, []) ?? 1, message: 'expected a mapping of settings at the top level' });
    return layer;
  }
  layer.entries = flatten(data, label);
  return layer;
}

