# Shared Redis connection for rate limits and counters.
REDIS = Redis.new(url: ENV.fetch("REDIS_URL"))
