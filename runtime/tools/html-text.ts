/**
 * Readable text from HTML for web_fetch: scripts, styles and comments dropped, tags removed, common
 * entities decoded, whitespace collapsed. A linear scan with indexOf, no backtracking regex over the
 * page: a hostile page cannot make it slow.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
/** Tags whose content is not text. */
const SKIPPED = ['script', 'style', 'noscript', 'template', 'svg'];
/** Tags that end a line of text. */
const BLOCK = /^\/?(p|div|br|li|ul|ol|h[1-6]|tr|table|section|article|header|footer|pre|blockquote|title)\b/i;

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** The visible text of an HTML document, one block per line. */
export function htmlToText(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let i = 0;
  while (i < html.length) {
    const open = html.indexOf('<', i);
    if (open === -1) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, open);
    if (html.startsWith('<!--', open)) {
      const end = html.indexOf('-->', open + 4);
      i = end === -1 ? html.length : end + 3;
      continue;
    }
    const close = html.indexOf('>', open + 1);
    if (close === -1) break;
    const tag = lower.slice(open + 1, close);
    const name = /^[a-z0-9]+/.exec(tag)?.[0] ?? '';
    if (SKIPPED.includes(name)) {
      const end = lower.indexOf(`</${name}`, close + 1);
      i = end === -1 ? html.length : (lower.indexOf('>', end) + 1 || html.length);
      continue;
    }
    if (BLOCK.test(tag)) out += '\n';
    i = close + 1;
  }
  return decodeEntities(out)
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
