-- wrk script: GET a random path from a file, with extra request headers.
--
-- usage:
--   wrk -t2 -c16 -d15s --latency -s bench/wrk_headers.lua http://127.0.0.1:PORT -- paths.txt headers.txt
--
-- paths.txt holds one URL path a line (already URL-encoded); headers.txt one
-- "Name: value" a line (e.g. "If-None-Match: W/\"abc\"" for a conditional
-- request, "Cookie: session=..." to be signed in), made by bench/run.py.

local paths = {}
local headers = {}
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
    error("wrk_headers.lua: pass the paths file and the headers file after --")
  end
  paths = read_lines(args[1])
  if #paths == 0 then
    error("wrk_headers.lua: no paths in " .. args[1])
  end
  for _, line in ipairs(read_lines(args[2])) do
    local name, value = line:match("^([^:]+):%s*(.*)$")
    if name then
      headers[name] = value
    end
  end
  math.randomseed(os.time() + (tid or 0) * 7919)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], headers)
end
