-- wrk script of tests/bench/httpd_load.py: counts every answer and those
-- outside 2xx (wrk's own "Non-2xx or 3xx" line counts only 4xx and 5xx),
-- across all of wrk's threads, and prints both at the end.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  answers = 0
  non2xx = 0
end

function response(status, headers, body)
  answers = answers + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local a, n = 0, 0
  for _, thread in ipairs(threads) do
    a = a + thread:get("answers")
    n = n + thread:get("non2xx")
  end
  io.write(string.format("answers: %d, non-2xx: %d\n", a, n))
end
