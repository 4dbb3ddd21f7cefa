-- One node's periodic pass over one room: renews the leases of its own peers, evicts peers whose
-- leases lapsed (their node died or lost Redis), and reports both.
-- KEYS[1] members hash, KEYS[2] leases zset
-- ARGV: node, leaseMs, roomTtlMs, then pairs of (peer, epoch) held by this node
-- Returns {lostPeers, deadPeers, members (flat peer, entry, ...)}: lost = ours no longer held.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = tonumber(ARGV[2])
local lost = {}
for i = 4, #ARGV, 2 do
  local peer, mine = ARGV[i], ARGV[1] .. '|' .. ARGV[i + 1] .. '|'
  local cur = redis.call('HGET', KEYS[1], peer)
  if cur and string.sub(cur, 1, #mine) == mine then
    redis.call('ZADD', KEYS[2], now + lease, peer)
  else
    table.insert(lost, peer)
  end
end
local dead = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)
for _, p in ipairs(dead) do redis.call('HDEL', KEYS[1], p) end
if #dead > 0 then redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now) end
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
end
return {lost, dead, redis.call('HGETALL', KEYS[1])}
