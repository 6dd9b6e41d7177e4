-- wrk script: GET a random path from a file, as a signed-in user.
--
-- usage:
--   wrk -t2 -c16 -d15s --latency -s bench/wrk_session.lua http://127.0.0.1:PORT -- paths.txt cookie.txt
--
-- paths.txt holds one URL path a line (already URL-encoded); cookie.txt holds
-- the value of a Cookie header (e.g. "session=..."), made by bench/run.py by
-- logging in through the real login form. Optional 3rd arg: a fixed seed.

local paths = {}
local cookie = nil
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end

local function read_lines(fn)
  local lines = {}
  local f = assert(io.open(fn, "r"))
  for line in f:lines() do
    line = line:gsub("%s+$", "")
    if #line > 0 then
      lines[#lines + 1] = line
    end
  end
  f:close()
  return lines
end

function init(args)
  if args[1] == nil or args[2] == nil then
    error("wrk_session.lua: pass the paths file and the cookie file after --")
  end
  paths = read_lines(args[1])
  if #paths == 0 then
    error("wrk_session.lua: no paths in " .. args[1])
  end
  cookie = read_lines(args[2])[1]
  if cookie == nil then
    error("wrk_session.lua: no cookie in " .. args[2])
  end
  local seed = tonumber(args[3]) or os.time()
  math.randomseed(seed + (tid or 0) * 7919)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], {["Cookie"] = cookie})
end
