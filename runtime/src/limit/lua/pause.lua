-- Holds every process of the account back (the server answered 429).
-- KEYS: 1 the end of the pause. ARGV: 1 the wait in microseconds.
-- A shorter pause never cuts a longer one short.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local wait = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if now + wait > current then
  redis.call('SET', KEYS[1], string.format('%.0f', now + wait), 'PX', math.floor(wait / 1000) + 1000)
end
return 0
