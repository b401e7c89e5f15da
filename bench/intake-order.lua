-- wrk script of bench/http-intake.sh: POST /api/v1/orders with a unique order of about 1 KB per request (six lines;
-- every third express, every fifth international, as bench/IntakeLoad.java builds them), then one result line.
-- wrk -s bench/intake-order.lua URL -- RUN-PREFIX ; extra headers (an API key) come from wrk's -H options.
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

function init(args)
  prefix = (args[1] or "w") .. "-" .. tid
  n = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  n = n + 1
  local method = (n % 3 == 0) and "express" or "standard"
  local country = (n % 5 == 0) and "US" or "DE"
  local lines = {}
  for line = 1, 6 do
    lines[line] = string.format('{"sku":"SKU-%d","quantity":%d,"unitPrice":%d.99,"note":"gift wrap in recycled paper, leave at the side door if nobody answers, ring twice"}',
      1000 + line, line, line * 3)
  end
  local body = string.format('{"orderId":"%s-%d","customerId":"c-bench-%d","currency":"EUR","shipping":{"method":"%s","country":"%s"},"channel":"bench","lines":[%s]}',
    prefix, n, n % 97, method, country, table.concat(lines, ","))
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f requests=%d non2xx=%d socket_errors=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests,
    e.status, e.connect + e.read + e.write + e.timeout))
end
