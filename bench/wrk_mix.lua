-- wrk script for the soak test (bench/soak.sh): what readers and editors do,
-- in turn: searches with all facets, article pages, related coverage and
-- suggestions, over the queries of WRK_QUERIES and the article ids of
-- WRK_IDS (known_items.tsv: query, tab, id). Prints one line of figures,
-- with the count of each HTTP error status (wrk itself counts them only).
local queries, ids, prefixes = {}, {}, {}
local n = 0
local threads = {}
failed = {}  -- per thread: HTTP status -> answers; read in done()

function setup(thread)
  threads[#threads + 1] = thread
end

function response(status, headers, body)
  if status >= 400 then failed[status] = (failed[status] or 0) + 1 end
end

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  for line in io.lines(os.getenv("WRK_QUERIES")) do
    if #line > 0 then
      queries[#queries + 1] = encode(line)
      local word = line:match("^(%S+)")
      prefixes[#prefixes + 1] = encode(word:sub(1, 4))
    end
  end
  local header = true
  for line in io.lines(os.getenv("WRK_IDS")) do
    local id = line:match("\t(.+)$")
    if not header and id then ids[#ids + 1] = encode(id) end
    header = false
  end
end

function request()
  n = n + 1
  local kind = n % 10
  local q, id = queries[(n % #queries) + 1], ids[(n % #ids) + 1]
  if kind < 4 then
    return wrk.format("GET", "/api/v1/search?q=" .. q .. "&facets=section,tag,source,date,entity")
  elseif kind < 6 then
    return wrk.format("GET", "/api/v1/articles/" .. id)
  elseif kind < 8 then
    return wrk.format("GET", "/api/v1/articles/" .. id .. "/related")
  end
  return wrk.format("GET", "/api/v1/suggest?q=" .. prefixes[(n % #prefixes) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  local by_status = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("failed")) do by_status[status] = (by_status[status] or 0) + count end
  end
  local statuses = {}
  for status, count in pairs(by_status) do statuses[#statuses + 1] = status .. ":" .. count end
  table.sort(statuses)
  io.write(string.format("soak requests=%d seconds=%.1f socket_errors=%d http_errors=%d p50_ms=%.2f p99_ms=%.2f"
    .. " timeouts=%d statuses=%s\n",
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, e.timeout,
    #statuses > 0 and table.concat(statuses, ",") or "-"))
end
