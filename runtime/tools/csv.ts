/**
 * A small RFC 4180 CSV parser for the csv_process tool: quoted fields with embedded delimiters,
 * doubled quotes and line breaks; CRLF or LF line ends. One pass, no regex, linear time.
 */

/** Parses `text` into rows of fields. Throws on an unterminated quote or text after a closing quote. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let started = false; // the current field has begun (possibly as an empty quoted "")
  let line = 1;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
    started = false;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && !started) {
      const startLine = line;
      started = true;
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`unterminated quoted field starting on line ${startLine}`);
        const q = text[i];
        if (q === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (q === '"') {
          i++;
          break;
        } else {
          if (q === '\n') line++;
          field += q;
          i++;
        }
      }
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
        throw new Error(`unexpected text after a closing quote on line ${line}`);
      }
    } else if (c === delimiter) {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endField();
      rows.push(row);
      row = [];
      line++;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      started = true;
      i++;
    }
  }
  // a final line break does not start another (empty) row
  if (started || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

/** Quotes a field when it holds the delimiter, a quote or a line break. */
export function csvField(value: string, delimiter = ','): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
