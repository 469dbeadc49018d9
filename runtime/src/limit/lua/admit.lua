-- One request's turn, for every process that shares the account (RateLimit::shared).
--
-- KEYS: 1 the next free slot (GCRA's theoretical arrival time), 2 the end of the pause
--       a 429 set, 3 the failure guard's window (a sorted set: request id by admission
--       time), 4 the counter that numbers requests.
-- ARGV: 1 microseconds between requests (0: no request limit), 2 the guard's limit
--       (0: no guard), 3 the guard's window in microseconds, 4 the slot this request
--       holds (0: none), 5 how late a held slot may still be used, in microseconds.
--
-- Returns {0, wait}        paused: come back after `wait`, holding nothing;
--         {1, wait, slot}  `slot` is this request's: come back holding it after `wait`;
--         {2, wait}        the guard is full until its oldest request leaves the window;
--         {3, id}          send now; `id` (0 without a guard) is handed back on success.
-- Times are microseconds of the Redis server's clock, which every process shares.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local held = tonumber(ARGV[4])
local late = tonumber(ARGV[5])

-- Large numbers go to Redis as exact integers, never in exponent notation.
local function int(x)
  return string.format('%.0f', x)
end

local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
if paused > now then
  return {0, paused - now}
end

if limit > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', int(now - window))
  if redis.call('ZCARD', KEYS[3]) >= limit then
    local oldest = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
    return {2, math.max(tonumber(oldest[2]) + window - now, 1)}
  end
end

if interval > 0 then
  if held > now then
    return {1, held - now, held}
  end
  -- A slot used much later than its time would bunch up with the next ones.
  if held == 0 or now > held + late then
    local slot = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now)
    local free = slot + interval
    redis.call('SET', KEYS[1], int(free), 'PX', math.floor((free - now) / 1000) + 1000)
    if slot > now then
      return {1, slot - now, slot}
    end
  end
end

if limit == 0 then
  return {3, 0}
end
local id = redis.call('INCR', KEYS[4])
redis.call('PEXPIRE', KEYS[4], 60000)
redis.call('ZADD', KEYS[3], int(now), id)
redis.call('PEXPIRE', KEYS[3], math.floor(window / 1000) + 1000)
return {3, id}
