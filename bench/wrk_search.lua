-- wrk script: every request is a search with all facets, the queries taken in
-- turn from the file named by WRK_QUERIES (one query per line).
local queries = {}
local n = 0

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  for line in io.lines(os.getenv("WRK_QUERIES") or "../shared/eval/queries.txt") do
    if #line > 0 then queries[#queries + 1] = encode(line) end
  end
end

function request()
  n = n + 1
  local q = queries[(n % #queries) + 1]
  return wrk.format("GET", "/api/v1/search?q=" .. q .. "&facets=section,tag,source,date,entity")
end

function done(summary, latency, requests)
  io.write(string.format("wrk: %d requests, %d errors (connect %d, read %d, write %d, status %d, timeout %d)\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
  io.write(string.format("wrk: %.1f req/s\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("wrk: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n", latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
