# Shared Redis connection for rate limits and counters.
REDIS = Redis.new(url: "redis://cache.orders.internal:6379/0")
