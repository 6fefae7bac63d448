-- Exact sliding-window log (spec/tars.md §4.4): one call is one decision, atomic in Redis.
-- KEYS[1]  ratelimit:<class>:<client>, a sorted set of the requests allowed in the last window
-- ARGV[1]  limit (integer >= 1)
-- ARGV[2]  window in milliseconds
-- ARGV[3]  caller-unique request id; the member is "<now_us>:<request id>"
-- Returns  {allowed 0|1, remaining, reset_us, retry_after_us}, all times from Redis TIME so that
--          every replica shares one clock.
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window_ms = tonumber(ARGV[2])
local window_us = window_ms * 1000

-- A key of another type (the class switched algorithm on reload) is replaced.
local kind = redis.call('TYPE', key)['ok']
if kind ~= 'none' and kind ~= 'zset' then
  redis.call('DEL', key)
end

local t = redis.call('TIME')
local now_us = tonumber(t[1]) * 1000000 + tonumber(t[2])

redis.call('ZREMRANGEBYSCORE', key, '-inf', now_us - window_us)
local count = redis.call('ZCARD', key)

if count < limit then
  local member = t[1] .. string.format('%06d', tonumber(t[2])) .. ':' .. ARGV[3]
  redis.call('ZADD', key, now_us, member)
  redis.call('PEXPIRE', key, window_ms)
  local newest = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
  return {1, limit - count - 1, tonumber(newest[2]) + window_us, 0}
end

-- Refused (nothing is added). One request passes again when the member whose expiry brings the
-- count below the limit leaves the window: the (count - limit + 1)-th oldest.
local newest = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
local blocker = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
return {0, 0, tonumber(newest[2]) + window_us, tonumber(blocker[2]) + window_us - now_us}
