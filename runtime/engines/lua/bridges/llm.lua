-- The `llm` global, go-llmspell compatible: every call returns value, or nil + message (never raises
-- for a failed request). Beyond go-llmspell: an options table, chat with history, chat_json.
-- Argument type mistakes raise, naming the function and argument (checks derived from the bridge
-- description, engines/arg-specs.ts).
__llmspell_bridge("llm", function(kit, env)
  local promise = env.promise

  local function stream(messages, cb, opts)
    local id = kit.start_call("llm.stream", messages, opts)
    local stopped = nil
    kit.listeners[id] = function(chunk)
      if stopped then return end
      local ok, result = kit.pcall(cb, chunk) -- a limit error goes through
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
    return kit.call("llm.chat", prompt, opts)
  end

  function llm.complete(prompt, max_tokens)
    local opts = max_tokens and { max_tokens = max_tokens } or nil
    return kit.call("llm.chat", prompt, opts)
  end

  function llm.stream_chat(prompt, cb, opts)
    return stream(prompt, cb, opts)
  end

  function llm.chat_with_history(messages, opts)
    return kit.call("llm.chat", messages, opts)
  end

  function llm.stream_chat_with_history(messages, cb, opts)
    return stream(messages, cb, opts)
  end

  function llm.chat_json(prompt, schema, opts)
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
    local ok, err = kit.call("llm.set_provider", name, model)
    if ok == nil then return err end
  end

  function llm.chat_async(prompt, cb, errcb, opts)
    return async_call("llm.chat", cb, errcb, prompt, opts)
  end

  function llm.complete_async(prompt, max_tokens, cb, errcb)
    local opts = max_tokens and { max_tokens = max_tokens } or nil
    return async_call("llm.chat", cb, errcb, prompt, opts)
  end

  return llm
end)
