-- JSON encoding (keys sorted, arrays are tables with keys 1..n and n > 0, integral numbers without
-- a decimal point). Decoding is JSON.parse on the host side of the VM.
local escapes = { ['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }
local function quote(s)
  return '"' .. sgsub(s, '[%c"\\]', function(c) return escapes[c] or sformat("\\u%04x", sbyte(c)) end) .. '"'
end
local function number_text(v)
  if v ~= v or v == huge or v == -huge then error("cannot encode " .. tostring(v) .. " as JSON", 0) end
  if mtype(v) == "integer" then return sformat("%d", v) end
  if v == floor(v) and v > -2^53 and v < 2^53 then return sformat("%d", floor(v)) end
  local s = sformat("%.14g", v)
  if tonumber(s) ~= v then s = sformat("%.17g", v) end
  return s
end
local function array_length(t)
  local n = rawlen(t)
  if n == 0 then return nil end
  local count = 0
  for k in next, t do
    if mtype(k) ~= "integer" or k < 1 or k > n then return nil end
    count = count + 1
  end
  if count ~= n then return nil end
  return n
end
local encode_value
local function encode_table(t, out, seen)
  if seen[t] then error("cannot encode a table that contains itself as JSON", 0) end
  seen[t] = true
  local n = array_length(t)
  if n then
    out[#out + 1] = "["
    for i = 1, n do
      if i > 1 then out[#out + 1] = "," end
      encode_value(t[i], out, seen)
    end
    out[#out + 1] = "]"
  else
    local keys = {}
    for k in next, t do
      local kt = type(k)
      if kt == "string" then keys[#keys + 1] = k
      elseif kt == "number" then keys[#keys + 1] = number_text(k)
      else error("cannot encode a " .. kt .. " key as JSON", 0) end
    end
    sort(keys)
    out[#out + 1] = "{"
    for i, k in ipairs(keys) do
      if i > 1 then out[#out + 1] = "," end
      local v = rawget(t, k)
      if v == nil then v = rawget(t, tonumber(k)) end
      out[#out + 1] = quote(k)
      out[#out + 1] = ":"
      encode_value(v, out, seen)
    end
    out[#out + 1] = "}"
  end
  seen[t] = nil
end
encode_value = function(v, out, seen)
  local t = type(v)
  if t == "nil" then out[#out + 1] = "null"
  elseif t == "boolean" then out[#out + 1] = v and "true" or "false"
  elseif t == "number" then out[#out + 1] = number_text(v)
  elseif t == "string" then out[#out + 1] = quote(v)
  elseif t == "table" then encode_table(v, out, seen)
  else error("cannot encode a " .. t .. " as JSON", 0) end
end
local function json_encode(v)
  local out = {}
  encode_value(v, out, {})
  return concat(out)
end
local function encode_args(...)
  local n = select("#", ...)
  local out, seen = { "[" }, {}
  for i = 1, n do
    if i > 1 then out[#out + 1] = "," end
    encode_value((select(i, ...)), out, seen)
  end
  out[#out + 1] = "]"
  return concat(out)
end
local function json_decode(s)
  local r = host.json_decode(s)
  if r.error then return nil, r.error end
  return r.value
end
