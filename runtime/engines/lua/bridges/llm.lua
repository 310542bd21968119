-- The `llm` global, go-llmspell compatible: a call returns its value, or nil + message (never raises
-- for a failed request); `stream_chat*` return nothing on success and the error message otherwise;
-- `chat_async` / `complete_async` return a numeric callback id (see async.lua). Beyond go-llmspell:
-- an options table, chat with history, chat_json, `stream_text` (the whole text) and `chat_promise`.
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

  -- Starts a call whose callback runs once its result is in; returns the callback id (go-llmspell).
  local function async_call(method, cb, errcb, ...)
    local callbacks = kit.callbacks
    local id = callbacks.register(cb, errcb)
    kit.call_async(method, function(ok, value) callbacks.settle(id, ok, value) end, ...)
    return id
  end

  local llm = {}

  function llm.chat(prompt, opts)
    return kit.call("llm.chat", prompt, opts)
  end

  function llm.complete(prompt, max_tokens)
    local opts = max_tokens and { max_tokens = max_tokens } or nil
    return kit.call("llm.chat", prompt, opts)
  end

  -- go-llmspell: nothing on success, the error message otherwise (`local err = llm.stream_chat(...)`).
  function llm.stream_chat(prompt, cb, opts)
    local _, err = stream(prompt, cb, opts)
    if err then return err end -- on success no value at all, as go-llmspell
  end

  function llm.chat_with_history(messages, opts)
    return kit.call("llm.chat", messages, opts)
  end

  function llm.stream_chat_with_history(messages, cb, opts)
    local _, err = stream(messages, cb, opts)
    if err then return err end
  end

  --- Streams like `stream_chat` (a prompt or a conversation) and returns the whole text, or nil + message.
  function llm.stream_text(prompt_or_messages, cb, opts)
    return stream(prompt_or_messages, cb, opts)
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

  --- A promise of the answer (a prompt or a conversation); the call runs while the spell goes on.
  function llm.chat_promise(prompt_or_messages, opts)
    local p, resolve, reject = promise.deferred()
    kit.call_async("llm.chat", function(ok, value)
      if ok then resolve(value) else reject(value) end
    end, prompt_or_messages, opts)
    return p
  end

  return llm
end)
