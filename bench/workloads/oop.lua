-- Metatables and method calls: a small class hierarchy with __index inheritance.
local Vec = {}
Vec.__index = Vec
function Vec.new(x, y) return setmetatable({ x = x, y = y }, Vec) end
function Vec:add(o) return Vec.new(self.x + o.x, self.y + o.y) end
function Vec:dot(o) return self.x * o.x + self.y * o.y end

local Particle = setmetatable({}, { __index = Vec })
Particle.__index = Particle
function Particle.new(x, y, m)
  local p = Vec.new(x, y)
  p.m = m
  return setmetatable(p, Particle)
end
function Particle:energy() return 0.5 * self.m * self:dot(self) end

local ps = {}
for i = 1, 1000 do ps[i] = Particle.new(i % 13, i % 17, i % 5 + 1) end
local acc, e = Vec.new(0, 0), 0
for _ = 1, 300 do
  for i = 1, #ps do
    local p = ps[i]
    acc = acc:add(p)
    e = e + p:energy()
  end
end
print(acc.x, acc.y, e)
