// Classes and method calls: a small hierarchy with inheritance.
class Vec {
  constructor(x, y) { this.x = x; this.y = y; }
  add(o) { return new Vec(this.x + o.x, this.y + o.y); }
  dot(o) { return this.x * o.x + this.y * o.y; }
}
class Particle extends Vec {
  constructor(x, y, m) { super(x, y); this.m = m; }
  energy() { return 0.5 * this.m * this.dot(this); }
}
const ps = [];
for (let i = 1; i <= 1000; i++) ps.push(new Particle(i % 13, i % 17, (i % 5) + 1));
let acc = new Vec(0, 0);
let e = 0;
for (let r = 0; r < 300; r++) {
  for (const p of ps) {
    acc = acc.add(p);
    e += p.energy();
  }
}
export default [acc.x, acc.y, e];
