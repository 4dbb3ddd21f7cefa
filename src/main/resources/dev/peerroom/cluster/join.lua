-- Claims a peer id in a room: capacity and id uniqueness in one atomic step (the room's gate).
-- KEYS[1] members hash (peer -> "node|epoch|tokenHash|joinedAt"), KEYS[2] leases zset (peer -> until, ms)
-- ARGV: peer, node, epoch, tokenHash, maxPeers, leaseMs, roomTtlMs
-- Returns {status, deadPeers, previousEntry, members (flat peer, entry, ...)}.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
-- Join order, for listing members: Redis time in microseconds, kept when a peer is replaced.
local joinedAt = t[1] .. string.format('%06d', tonumber(t[2]))
-- Peers whose node stopped renewing them are gone; whoever evicts them tells their mates.
local dead = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)
for _, p in ipairs(dead) do redis.call('HDEL', KEYS[1], p) end
if #dead > 0 then redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now) end
local cur = redis.call('HGET', KEYS[1], ARGV[1])
local status = 'JOINED'
if cur then
  local token, since = string.match(cur, '^[^|]*|[^|]*|([^|]*)|(.*)$')
  if token ~= ARGV[4] then return {'ID_TAKEN', dead, '', {}} end
  joinedAt = since
  status = 'REPLACED'
elseif redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[5]) then
  return {'ROOM_FULL', dead, '', {}}
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. ARGV[3] .. '|' .. ARGV[4] .. '|' .. joinedAt)
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[6]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('PEXPIRE', KEYS[2], ARGV[7])
return {status, dead, cur or '', redis.call('HGETALL', KEYS[1])}
