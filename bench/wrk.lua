-- Load script for wrk (bench/run.py): random targets, optional POST bodies, a JSON summary.
--
--   wrk -t2 -c8 -d20s -s bench/wrk.lua http://127.0.0.1:8190 -- TARGETS [BODY_FILE CONTENT_TYPE] [COOKIE]
--
-- TARGETS has one request per line: "HOST PATH" for a GET, "HOST PATH BODY" for a
-- form POST (BODY url-encoded, no spaces), "HOST PATH @FILE" for a POST of FILE's bytes
-- with CONTENT_TYPE (mixed scenarios). With BODY_FILE every request is a POST of
-- that file's bytes (a multipart submission) with CONTENT_TYPE. COOKIE is sent as is.

local targets = {}
local body_file, content_type, cookie = nil, nil, nil

function init(args)
  for line in io.lines(args[1]) do
    local host, path, body = line:match("^(%S+)%s+(%S+)%s*(%S*)$")
    if host then
      local t = { host = host, path = path, body = (body ~= "" and body) or nil }
      if t.body and t.body:sub(1, 1) == "@" then
        -- "@FILE": POST that file's bytes with CONTENT_TYPE (a multipart submission among other requests)
        local f = assert(io.open(t.body:sub(2), "rb"))
        t.file_body = f:read("*a")
        f:close()
        t.body = nil
      end
      table.insert(targets, t)
    end
  end
  if args[2] and args[2] ~= "-" then
    local f = assert(io.open(args[2], "rb"))
    body_file = f:read("*a")
    f:close()
  end
  if args[3] and args[3] ~= "-" then
    content_type = args[3]
  end
  if args[4] and args[4] ~= "-" then
    cookie = args[4]
  end
  local seed = tonumber(tostring({}):match("0x(%x+)") or "1", 16) or 1
  math.randomseed(os.time() + seed % 100000)
end

function request()
  local t = targets[math.random(#targets)]
  local headers = { Host = t.host }
  if cookie then
    headers["Cookie"] = cookie
  end
  if t.file_body then
    headers["Content-Type"] = content_type
    return wrk.format("POST", t.path, headers, t.file_body)
  elseif body_file then
    headers["Content-Type"] = content_type
    return wrk.format("POST", t.path, headers, body_file)
  elseif t.body then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    return wrk.format("POST", t.path, headers, t.body)
  end
  return wrk.format("GET", t.path, headers)
end

-- Answers of 500 and above, counted per thread and summed in done(): wrk's own "status" error
-- counts every answer above 399 (a refused lookup, a rate limit) alike.
local threads = {}
server_errors = 0

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  if status >= 500 then
    server_errors = server_errors + 1
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local fivexx = 0
  for _, thread in ipairs(threads) do
    fivexx = fivexx + (thread:get("server_errors") or 0)
  end
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, "server_errors": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout, fivexx,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max
  ))
end
