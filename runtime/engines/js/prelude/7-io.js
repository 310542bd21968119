/**
 * `storage`, `http`, `mcp` and `fetch` — thin faces over host calls, where the storage jail
 * and the network policy are enforced. `fetch` is a WHATWG-shaped subset over `http.request`.
 */
const memoryStore = new $Map();

const storageBridge = {
  read: function (path) { return rpc('storage.read', [path]); },
  write: function (path, content) { return rpc('storage.write', [path, content]); },
  exists: function (path) { return rpc('storage.exists', [path]); },
  delete: function (path) { return rpc('storage.delete', [path]); },
  list: function (pattern) { return rpc('storage.list', [pattern]); },
  get: function (key) { return memoryStore.get(key); },
  set: function (key, value) { memoryStore.set(key, value); },
};

/** `mcp`: resources and prompts of the host's MCP servers (their tools come through `tools`). */
const mcpBridge = {
  servers: function () { return rpc('mcp.servers', []); },
  resources: function (server) { return rpc('mcp.resources', [server]); },
  read: function (server, uri) { return rpc('mcp.read', [server, uri]); },
  prompt: function (server, name, args) { return rpc('mcp.prompt', [server, name, args === undefined ? {} : args]); },
};

/** The host's response with JavaScript's spelling of the reason phrase. */
function httpResponse(res) {
  return { status: res.status, statusText: res.status_text, body: res.body, headers: res.headers, url: res.url };
}

/** `spell.run(name, params)`: another spell of the library as a nested run; its result, else its output. */
const spellBridge = {
  run: function (name, params) {
    return rpc('spell.run', [name, params === undefined || params === null ? {} : params]).then(function (r) {
      return r.result === null || r.result === undefined ? r.output : r.result;
    });
  },
};

const httpBridge = {
  get: function (url, opts) { return rpc('http.get', [url, opts]).then(httpResponse); },
  post: function (url, body, contentType) { return rpc('http.post', [url, body, contentType]).then(httpResponse); },
  request: function (request) { return rpc('http.request', [request]).then(httpResponse); },
};

/** Header pairs of fetch's init.headers (a plain object or a list of [name, value]). */
function fetchHeaders(headers) {
  const out = {};
  if (headers === undefined || headers === null) return out;
  if (ArrayIsArray(headers)) {
    for (let i = 0; i < headers.length; i++) {
      const pair = headers[i];
      if (!ArrayIsArray(pair) || pair.length !== 2) throw new $TypeError('fetch: init.headers[' + i + '] must be a [name, value] pair');
      out[$String(pair[0])] = $String(pair[1]);
    }
    return out;
  }
  if (typeof headers !== 'object') throw new $TypeError('fetch: init.headers must be an object or a list of [name, value] pairs');
  const keys = ObjectKeys(headers);
  for (let i = 0; i < keys.length; i++) out[keys[i]] = $String(headers[keys[i]]);
  return out;
}

function fetchResponse(res) {
  const headers = res.headers || {};
  const lower = function (name) { return $String(name).toLowerCase(); };
  return ObjectFreeze({
    status: res.status,
    ok: res.status >= 200 && res.status < 300,
    statusText: res.status_text || '',
    url: res.url,
    headers: ObjectFreeze({
      get: function (name) { const v = headers[lower(name)]; return v === undefined ? null : v; },
      has: function (name) { return headers[lower(name)] !== undefined; },
    }),
    text: function () { return $Promise.resolve(res.body); },
    json: function () { return $Promise.resolve().then(function () { return JSONparse(res.body); }); },
  });
}

function fetch(url, init) {
  const site = new $TypeError('');
  const options = init === undefined || init === null ? {} : init;
  if (typeof options !== 'object') throw new $TypeError('fetch: init must be an object');
  if (options.body !== undefined && options.body !== null && typeof options.body !== 'string') {
    throw new $TypeError('fetch: init.body must be a string (JSON.stringify an object first)');
  }
  const request = {
    url: $String(url),
    method: options.method === undefined ? 'GET' : $String(options.method).toUpperCase(),
    headers: fetchHeaders(options.headers),
    body: options.body === null ? undefined : options.body,
    timeout: options.timeout,
  };
  return rpc('http.request', [request], site).then(fetchResponse, function (e) {
    throw failed(site, 'fetch failed: ' + e.message, e.code);
  });
}
