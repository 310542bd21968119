/**
 * The `llm` global, go-llmspell compatible: every call returns value, or nil + message (never raises
 * for a failed request). Beyond go-llmspell: an options table, chat with history, chat_json.
 * Argument type mistakes raise, naming the function and argument.
 */
export const LUA_LLM_BRIDGE = String.raw`
__llmspell_bridge("llm", function(kit, env)
  local promise = env.promise

  local function check(fname, index, value, expected, optional)
    if optional and value == nil then return end
    if type(value) ~= expected then
      error(("llm.%s: bad argument #%d (%s expected, got %s)"):format(fname, index, expected, type(value)), 3)
    end
  end

  local function stream(fname, messages, cb, opts)
    check(fname, 2, cb, "function")
    check(fname, 3, opts, "table", true)
    local id = kit.start_call("llm.stream", messages, opts)
    local stopped = nil
    kit.listeners[id] = function(chunk)
      if stopped then return end
      local ok, result = pcall(cb, chunk)
      local reason = (not ok and tostring(result)) or (type(result) == "string" and result ~= "" and result) or nil
      if reason then
        stopped = "callback error: " .. reason
        kit.cancel_call(id, stopped)
      end
    end
    local ok, value = kit.await_rpc(id)
    if stopped then return nil, stopped end
    if ok then return value end
    return nil, value
  end

  -- Starts a call whose callbacks run later; also returns a promise of its answer.
  local function async_call(method, cb, errcb, ...)
    local p, resolve, reject = promise.deferred()
    kit.call_async(method, function(ok, value)
      if ok then
        resolve(value)
        if cb then cb(value) end
      else
        reject(value)
        if errcb then errcb(value) end
      end
    end, ...)
    return p
  end

  local llm = {}

  function llm.chat(prompt, opts)
    check("chat", 1, prompt, "string")
    check("chat", 2, opts, "table", true)
    return kit.call("llm.chat", prompt, opts)
  end

  function llm.complete(prompt, max_tokens)
    check("complete", 1, prompt, "string")
    local opts = max_tokens
    if type(max_tokens) == "number" then opts = { max_tokens = max_tokens } end
    check("complete", 2, opts, "table", true)
    return kit.call("llm.chat", prompt, opts)
  end

  function llm.stream_chat(prompt, cb, opts)
    check("stream_chat", 1, prompt, "string")
    return stream("stream_chat", prompt, cb, opts)
  end

  function llm.chat_with_history(messages, opts)
    check("chat_with_history", 1, messages, "table")
    check("chat_with_history", 2, opts, "table", true)
    return kit.call("llm.chat", messages, opts)
  end

  function llm.stream_chat_with_history(messages, cb, opts)
    check("stream_chat_with_history", 1, messages, "table")
    return stream("stream_chat_with_history", messages, cb, opts)
  end

  function llm.chat_json(prompt, schema, opts)
    check("chat_json", 1, prompt, "string")
    check("chat_json", 2, schema, "table")
    check("chat_json", 3, opts, "table", true)
    return kit.call("llm.chat_json", prompt, schema, opts)
  end

  function llm.list_models() return kit.call("llm.list_models") end
  function llm.list_providers()
    local list, err = kit.call("llm.list_providers")
    if not list then return nil, err end
    local names = {}
    for i, p in ipairs(list) do names[i] = p.name end
    return names
  end
  function llm.get_provider()
    local current, err = kit.call("llm.get_provider")
    if not current then return nil, err end
    return current.name, current.model
  end
  --- Returns nothing on success and the error message for an unknown provider (go-llmspell's contract).
  function llm.set_provider(name, model)
    check("set_provider", 1, name, "string")
    local ok, err = kit.call("llm.set_provider", name, model)
    if ok == nil then return err end
  end

  function llm.chat_async(prompt, cb, errcb, opts)
    check("chat_async", 1, prompt, "string")
    check("chat_async", 2, cb, "function", true)
    check("chat_async", 3, errcb, "function", true)
    return async_call("llm.chat", cb, errcb, prompt, opts)
  end

  function llm.complete_async(prompt, max_tokens, cb, errcb)
    check("complete_async", 1, prompt, "string")
    check("complete_async", 3, cb, "function", true)
    check("complete_async", 4, errcb, "function", true)
    local opts = type(max_tokens) == "number" and { max_tokens = max_tokens } or nil
    return async_call("llm.chat", cb, errcb, prompt, opts)
  end

  return llm
end)
`;
