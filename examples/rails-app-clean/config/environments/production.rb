require "active_support/core_ext/integer/time"

Rails.application.configure do
  config.enable_reloading = false
  config.eager_load = true
  config.consider_all_requests_local = false

  # Receipts go to S3 (see config/storage.yml).
  config.active_storage.service = :amazon

  # Log to stdout; the platform collects the stream.
  config.log_level = :info
  config.log_tags = [:request_id]
  config.logger = ActiveSupport::TaggedLogging.new(ActiveSupport::Logger.new(STDOUT))

  # Cache in Redis; sessions in the signed cookie, so every process sees them.
  config.cache_store = :redis_cache_store, { url: ENV.fetch("REDIS_URL") }
  config.session_store :cookie_store, key: "_orders_session"

  config.i18n.fallbacks = true
  config.active_record.dump_schema_after_migration = false
end
