-- `mcp`: resources and prompts of the MCP servers the host runs (their tools come through `tools`).
-- Thin faces over host calls, where the manifest's `permissions.mcp` is enforced.
__llmspell_bridge("mcp", function(kit)
  local mcp = {}
  function mcp.servers() return kit.call("mcp.servers") end
  function mcp.resources(server) return kit.call("mcp.resources", server) end
  function mcp.read(server, uri) return kit.call("mcp.read", server, uri) end
  function mcp.prompt(server, name, args) return kit.call("mcp.prompt", server, name, args or {}) end
  return mcp
end)
