-- Load script for wrk (bench/run.py): random targets, optional POST bodies, a JSON summary.
--
--   wrk -t2 -c8 -d20s -s bench/wrk.lua http://127.0.0.1:8190 -- TARGETS [BODY_FILE CONTENT_TYPE] [COOKIE]
--
-- TARGETS has one request per line: "HOST PATH" for a GET, "HOST PATH BODY" for a
-- form POST (BODY url-encoded, no spaces). With BODY_FILE every request is a POST of
-- that file's bytes (a multipart submission) with CONTENT_TYPE. COOKIE is sent as is.

local targets = {}
local body_file, content_type, cookie = nil, nil, nil

function init(args)
  for line in io.lines(args[1]) do
    local host, path, body = line:match("^(%S+)%s+(%S+)%s*(%S*)$")
    if host then
      table.insert(targets, { host = host, path = path, body = (body ~= "" and body) or nil })
    end
  end
  if args[2] and args[2] ~= "-" then
    local f = assert(io.open(args[2], "rb"))
    body_file = f:read("*a")
    f:close()
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
  if body_file then
    headers["Content-Type"] = content_type
    return wrk.format("POST", t.path, headers, body_file)
  elseif t.body then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    return wrk.format("POST", t.path, headers, t.body)
  end
  return wrk.format("GET", t.path, headers)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max
  ))
end
