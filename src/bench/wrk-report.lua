-- wrk script for `make bench`: picks URLs from $BENCH_URLS (one path+query per line, round robin),
-- sends $BENCH_METHOD with $BENCH_BODY, counts answers by status and prints one JSON line at the end.
local urls = {}
local file = os.getenv("BENCH_URLS")
if file then
  for line in io.lines(file) do
    if #line > 0 then urls[#urls + 1] = line end
  end
end
local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
local threads = {}

function setup(thread)
  thread:set("offset", #threads)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  counter = offset or 0
end

function request()
  counter = counter + 1
  local path = wrk.path
  if #urls > 0 then path = urls[(counter % #urls) + 1] end
  local headers = {}
  if body then headers["Content-Type"] = "application/json" end
  return wrk.format(method, path, headers, body)
end

function response(status, headers, response_body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, count in pairs(counts) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(totals) do
    parts[#parts + 1] = string.format('"%d":%d', status, count)
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"seconds":%.2f,"rps":%.1f,"p50_ms":%.2f,"p99_ms":%.2f,"p999_ms":%.2f,"socket_errors":%d,"non_2xx_3xx":%d,"statuses":{%s}}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    errors, summary.errors.status, table.concat(parts, ",")))
end
