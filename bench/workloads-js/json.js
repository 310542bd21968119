// JSON.stringify and JSON.parse of a nested document, as spells do with LLM answers.
const doc = [];
for (let i = 0; i < 2000; i++) doc.push({ id: i, name: 'item ' + i, tags: ['a', 'b', String(i % 7)], nested: { ok: i % 2 === 0, score: i / 3 } });
let size = 0;
let sum = 0;
for (let r = 0; r < 20; r++) {
  const text = JSON.stringify(doc);
  size += text.length;
  for (const item of JSON.parse(text)) sum += item.id + item.tags.length;
}
export default [size, sum];
