// String building (template literals, join) and regular expressions (replace, matchAll, indexOf).
const parts = [];
for (let i = 1; i <= 60000; i++) {
  parts.push(`item-${String(i).padStart(5, '0')} key=${String.fromCharCode(97 + (i % 26))} value=${i * 7}.${String(i % 100).padStart(2, '0')};`);
}
const text = parts.join('\n');
let swaps = 0;
const upper = text.replace(/key=([a-z])/g, (_m, c) => {
  swaps++;
  return 'KEY=' + c.toUpperCase();
});
let total = 0;
let count = 0;
for (const m of upper.matchAll(/item-(\d+) KEY=[A-Z] value=(\d+)\.\d+;/g)) {
  total += Number(m[1]) + Number(m[2]);
  count++;
}
let found = 0;
for (let pos = upper.indexOf('KEY=Q'); pos >= 0; pos = upper.indexOf('KEY=Q', pos + 1)) found++;
const last = /item-(\d+)[^\n]*$/.exec(upper)[1];
export default [text.length, swaps, count, total, found, last];
