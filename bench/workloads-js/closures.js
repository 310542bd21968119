// Closures: make counters in a loop, call them through composed functions.
function counter(start, step) {
  let n = start;
  return () => (n += step);
}
const compose = (f, g) => (x) => f(g(x));
let sum = 0;
for (let i = 1; i <= 200000; i++) {
  const c = counter(i, (i % 7) + 1);
  const twice = compose((x) => x + c(), (x) => x * 2);
  sum = (sum + twice(i) + c()) % 1000000007;
}
export default sum;
