-- wrk script of `scripts/bench soak`: mixed reads and writes against the
-- API at a fixed total rate (wrk itself sends as fast as it can; delay()
-- paces each thread on a clock, so that the rate holds whatever the
-- latency, as long as there are connections enough).
--
--   wrk -t2 -c16 -d60s --latency -s bench/soak.lua URL -- TOKEN CITIES LINKS RATE THREADS
--
-- TOKEN: a coordinator's API token; CITIES, LINKS: the largest city and link
-- id (ids 1..N exist); RATE: requests per second over all threads.
-- Eight requests in ten read (a city, a search, a city's twins, a link and
-- its history, the country list), two write (a new city, a population
-- change, a link event). done() prints the counts by kind and status.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } twinning_timespec;
  int clock_gettime(int clock_id, twinning_timespec* tp);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("twinning_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

local token, cities, links, interval
local next_slot = nil
local n = 0
local searches = { "vol", "cov", "kie", "dres", "san", "new", "port", "saint", "mos", "par" }
-- Counts read by done(): per kind, and answers by class.
reads, writes, ok, client_errors, server_errors = 0, 0, 0, 0, 0
local last_kind = nil

function init(args)
  token = args[1]
  cities = tonumber(args[2])
  links = tonumber(args[3])
  local rate = tonumber(args[4])
  local nthreads = tonumber(args[5])
  interval = 1000.0 * nthreads / rate
  math.randomseed(thread_id * 7919)
end

function delay()
  local t = now_ms()
  -- More than a second behind (a stall): start afresh rather than burst.
  if next_slot == nil or next_slot < t - 1000 then next_slot = t end
  next_slot = next_slot + interval
  local d = next_slot - t
  if d <= 0 then return 0 end
  return math.floor(d)
end

local function json_headers()
  return { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
end

function request()
  n = n + 1
  local pick = n % 10
  local city = math.random(1, cities)
  if pick == 8 then
    writes = writes + 1
    local which = math.floor(n / 10) % 3
    if which < 1 then
      return wrk.format("POST", "/api/cities", json_headers(),
        string.format('{"name": "Soak %d-%d", "country": "PL", "population": %d}', thread_id, n, n))
    elseif which < 2 then
      return wrk.format("PATCH", "/api/cities/" .. city, json_headers(),
        string.format('{"population": %d}', 1000 + n))
    end
    return wrk.format("POST", "/api/links/" .. math.random(1, links) .. "/events", json_headers(),
      string.format('{"date": "2024-05-%02d", "text": "Soak event %d-%d"}', 1 + n % 28, thread_id, n))
  end
  if pick == 9 then
    writes = writes + 1
    return wrk.format("PATCH", "/api/cities/" .. city, json_headers(),
      string.format('{"population": %d}', 2000 + n))
  end
  reads = reads + 1
  if pick <= 2 then return wrk.format("GET", "/api/cities/" .. city) end
  if pick == 3 then
    return wrk.format("GET", "/api/cities?limit=10&search=" .. searches[1 + n % #searches])
  end
  if pick == 4 then return wrk.format("GET", "/api/cities/" .. city .. "/twins") end
  if pick == 5 then return wrk.format("GET", "/api/links/" .. math.random(1, links)) end
  if pick == 6 then return wrk.format("GET", "/api/links/" .. math.random(1, links) .. "/events") end
  return wrk.format("GET", "/api/countries?limit=50&offset=" .. (n % 200))
end

function response(status, headers, body)
  if status < 400 then
    ok = ok + 1
  elseif status < 500 then
    client_errors = client_errors + 1
  else
    server_errors = server_errors + 1
  end
end

function done(summary, latency, requests)
  local r, w, o, c, s = 0, 0, 0, 0, 0
  for _, t in ipairs(threads) do
    r = r + t:get("reads")
    w = w + t:get("writes")
    o = o + t:get("ok")
    c = c + t:get("client_errors")
    s = s + t:get("server_errors")
  end
  io.write(string.format("soak-counts reads=%d writes=%d ok=%d 4xx=%d 5xx=%d\n", r, w, o, c, s))
end
