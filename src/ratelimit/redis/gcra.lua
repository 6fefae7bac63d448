-- GCRA (spec/tars.md §4.4): one key per client holding the theoretical arrival time (TAT) as Unix
-- milliseconds with microsecond decimals. Arithmetic is in integer microseconds, exact in Lua's
-- doubles; the emission interval T = floor(window / limit) microseconds, so exactly `limit`
-- requests pass in a burst.
-- KEYS[1]  ratelimit:<class>:<client>
-- ARGV[1]  limit (integer >= 1)
-- ARGV[2]  window in milliseconds
-- Returns  {allowed 0|1, remaining, reset_us, retry_after_us}, times from Redis TIME.
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window_us = tonumber(ARGV[2]) * 1000
local period_us = math.floor(window_us / limit)
if period_us < 1 then
  period_us = 1
end

-- A key of another type (the class switched algorithm on reload) is replaced.
local kind = redis.call('TYPE', key)['ok']
if kind ~= 'none' and kind ~= 'string' then
  redis.call('DEL', key)
end

local t = redis.call('TIME')
local now_us = tonumber(t[1]) * 1000000 + tonumber(t[2])

local tat_us = now_us
local stored = tonumber(redis.call('GET', key) or '')
if stored then
  tat_us = math.floor(stored * 1000 + 0.5)
  if tat_us < now_us then
    tat_us = now_us
  end
end

-- Allowed when TAT - now <= window - T.
local burst_us = window_us - period_us
if tat_us - now_us > burst_us then
  return {0, 0, tat_us, tat_us - now_us - burst_us}
end

tat_us = tat_us + period_us
local ttl_ms = math.ceil((tat_us - now_us) / 1000)
redis.call('SET', key, string.format('%.3f', tat_us / 1000), 'PX', ttl_ms)
local remaining = math.floor((window_us - (tat_us - now_us)) / period_us)
if remaining < 0 then
  remaining = 0
end
return {1, remaining, tat_us, 0}
