-- The globals of a spell test (`tests/*.test.lua`, run by `llmspell test`): `run_spell(params)` runs
-- the spell under test in its own engine process with a deterministic LLM (mock or cassette) and
-- returns its output; `expect(x)` asserts; `test(name, fn)` names cases. Only present in test runs.
__llmspell_bridge("testing", function(kit)
  local function describe(v)
    if type(v) == "string" or type(v) == "table" then
      local ok, text = pcall(kit.json_encode, v)
      if ok then return text end
    end
    return tostring(v)
  end

  local function deep_equal(a, b, seen)
    if a == b then return true end
    if type(a) ~= "table" or type(b) ~= "table" then return false end
    seen = seen or {}
    if seen[a] == b then return true end
    seen[a] = b
    for k, v in pairs(a) do if not deep_equal(v, b[k], seen) then return false end end
    for k in pairs(b) do if a[k] == nil then return false end end
    return true
  end

  local function fail(message) error(message, 3) end

  local function expect(actual)
    local e = {}
    function e.to_equal(expected)
      if not deep_equal(actual, expected) then fail("expected " .. describe(actual) .. " to equal " .. describe(expected)) end
      return e
    end
    e.to_be = e.to_equal
    function e.to_contain(part)
      if type(actual) == "string" then
        if not actual:find(tostring(part), 1, true) then fail("expected " .. describe(actual) .. " to contain " .. describe(part)) end
      elseif type(actual) == "table" then
        for _, v in pairs(actual) do if deep_equal(v, part) then return e end end
        fail("expected " .. describe(actual) .. " to contain " .. describe(part))
      else
        fail("expected a string or table to search, got " .. type(actual))
      end
      return e
    end
    function e.to_match(pattern)
      if type(actual) ~= "string" or not actual:match(pattern) then fail("expected " .. describe(actual) .. " to match " .. describe(pattern)) end
      return e
    end
    function e.to_match_schema(schema)
      local result, err = kit.call("tools.validate", schema, actual)
      if not result then fail("schema check failed: " .. tostring(err)) end
      if not result.valid then fail("expected " .. describe(actual) .. " to match the schema: " .. table.concat(result.errors, "; ")) end
      return e
    end
    function e.to_be_nil() if actual ~= nil then fail("expected nil, got " .. describe(actual)) end return e end
    function e.to_be_truthy() if not actual then fail("expected a truthy value, got " .. describe(actual)) end return e end
    function e.to_be_falsy() if actual then fail("expected a falsy value, got " .. describe(actual)) end return e end
    function e.to_be_type(t) if type(actual) ~= t then fail("expected a " .. t .. ", got " .. type(actual)) end return e end
    return e
  end

  local cases = 0
  -- The case the host runs alone (the studio's "Run one"), asked once; false: every case runs.
  local only
  local function selected(name)
    if only == nil then only = kit.call("test.only") or false end
    return only == false or only == tostring(name)
  end
  --- A named case: its failure is reported on its own and the file goes on.
  local function test(name, fn)
    if not selected(name) then return end
    cases = cases + 1
    local started = kit.host.now()
    local ok, err = pcall(fn)
    kit.notify("test-result", {
      name = tostring(name), ok = ok, error = (not ok) and tostring(err) or nil, duration = kit.host.now() - started,
    })
  end

  --- Runs the spell under test: its output, and the error message when it failed. `input` is an
  --- optional list of lines its io.read() calls get, in order.
  local function run_spell(params, input)
    local result, err = kit.call("test.run_spell", params or {}, input or {})
    if not result then error("run_spell: " .. tostring(err), 2) end
    return result.output, result.error
  end

  return { expect = expect, test = test, it = test, run_spell = run_spell }
end, { test_only = true })
