-- wrk script for the HTTP cells: cycles through logged-in GET requests read from a file,
-- one "cookie<TAB>path" per line (args: FILE USER_AGENT), counts answers other than 200
-- (a lost session answers 302 to /login), and prints one JSON line of results at the end.
local threads = {}

function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end

function init(args)
  requests, bad, counter = {}, 0, offset
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    local cookie, path = line:match("^([^\t]*)\t(.*)$")
    table.insert(requests, wrk.format("GET", path, {["Cookie"] = cookie, ["User-Agent"] = args[2]}))
  end
  file:close()
end

function request()
  counter = counter + 1
  return requests[(counter % #requests) + 1]
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, _)
  local non200 = 0
  for _, thread in ipairs(threads) do non200 = non200 + thread:get("bad") end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "durationUs": %d, "socketErrors": %d, "non200": %d, ' ..
    '"p50": %d, "p90": %d, "p99": %d, "max": %d, "mean": %.1f}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, non200,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean))
end
