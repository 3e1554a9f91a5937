-- wrk script of tests/bench/status_load.py: POSTs one signed querystate
-- body (the file named after "--") straight to the WeChat Pay stand-in,
-- and counts every answer, those outside 2xx, and those without the
-- user's state, across all of wrk's threads.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  answers = 0
  non2xx = 0
  local f = assert(io.open(args[1], "rb"))
  local body = f:read("*a")
  f:close()
  req = wrk.format("POST", nil, {["Content-Type"] = "text/xml"}, body)
end

function request()
  return req
end

function response(status, headers, body)
  answers = answers + 1
  if status < 200 or status > 299 or
      not string.find(body, "<user_state><![CDATA[OVERDUE]]>", 1, true) then
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
