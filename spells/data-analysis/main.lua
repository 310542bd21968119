-- data-analysis: csv_process parses, Lua computes, the LLM explains.
local SAMPLE = "month,region,revenue\nJan,north,120\nFeb,north,135\nMar,north,90\nJan,south,80\nFeb,south,95\nMar,south,160\n"

local csv = SAMPLE
if params.file ~= "" then
  csv = assert(storage.read(params.file))
end

local rows, err = tools.execute("csv_process", { csv = csv, operation = "parse" })
if not rows then error("could not parse the CSV: " .. err) end
if type(rows) == "table" and rows.rows then rows = rows.rows end

local values = {}
for _, row in ipairs(rows) do
  local v = tonumber(row[params.column])
  if v then values[#values + 1] = v end
end
if #values == 0 then error(("no numeric values in column '%s'"):format(params.column)) end

table.sort(values)
local sum = 0
for _, v in ipairs(values) do sum = sum + v end
local mean = sum / #values
local median = #values % 2 == 1 and values[(#values + 1) // 2] or (values[#values // 2] + values[#values // 2 + 1]) / 2
local stats = { count = #values, min = values[1], max = values[#values], mean = mean, median = median }

print(("%s: count=%d min=%g max=%g mean=%.2f median=%g"):format(params.column, stats.count, stats.min, stats.max, stats.mean, stats.median))
local insight = llm.chat("In two sentences, what do these statistics suggest?\n" .. json.encode(stats))
print(insight or "(no interpretation)")
