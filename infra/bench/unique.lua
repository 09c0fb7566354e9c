-- wrk script for cache-miss runs: every request a path no other request of the run asks for.
-- (wrk -tT ... -s unique.lua URL -- FILE T): thread i of T takes lines i, i+T, i+2T, … of
-- FILE, so no two threads share a path; a thread that runs out of lines starts its share again
-- and counts each such request as a repeat, printed in the RESULT line (0 means the output
-- cache never answered a request of the run).
local threads = {}
local paths = {}
local next_index = 0
repeats = 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  local count = tonumber(args[2]) or 1
  local n = 0
  for line in io.lines(args[1]) do
    if line ~= "" then
      n = n + 1
      if (n - 1) % count == (id - 1) then
        paths[#paths + 1] = line
      end
    end
  end
end

function request()
  next_index = next_index + 1
  if next_index > #paths then
    next_index = 1
  end
  return wrk.format("GET", paths[next_index])
end

function response(status, headers, body)
  if next_index_seen == nil then next_index_seen = 0 end
  next_index_seen = next_index_seen + 1
  if next_index_seen > #paths then
    repeats = repeats + 1
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local repeated = 0
  for _, thread in ipairs(threads) do
    repeated = repeated + (thread:get("repeats") or 0)
  end
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d repeats=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.status + e.timeout, repeated))
end
