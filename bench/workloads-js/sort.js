// Array push of pseudo-random numbers, then sort with a numeric and a two-key comparator.
let seed = 12345;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
const a = [];
const b = [];
for (let i = 1; i <= 100000; i++) {
  const v = rand();
  a.push(v);
  b.push({ key: v % 1000, id: i });
}
a.sort((x, y) => x - y);
b.sort((x, y) => (x.key !== y.key ? y.key - x.key : x.id - y.id));
let check = 0;
for (let i = 0; i < a.length; i += 997) check = (check + (a[i] % 1000003) + b[i].id) % 1000000007;
export default [a.length, a[0], a[a.length - 1], b[0].key, b[0].id, check];
