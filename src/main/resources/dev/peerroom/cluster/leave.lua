-- Releases a peer id, but only the claim this socket made: a late close of a replaced socket
-- must not free its successor's claim.
-- KEYS[1] members hash, KEYS[2] leases zset; ARGV: peer, "node|epoch"
-- Returns {1, members (flat peer, entry, ...)} when released, {0, {}} when the claim was not ours.
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if cur and string.sub(cur, 1, #ARGV[2] + 1) == ARGV[2] .. '|' then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
  return {1, redis.call('HGETALL', KEYS[1])}
end
return {0, {}}
