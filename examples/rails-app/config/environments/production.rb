require "active_support/core_ext/integer/time"

Rails.application.configure do
  config.enable_reloading = false
  config.eager_load = true
  config.consider_all_requests_local = false

  # Receipts are stored on the local file system (see config/storage.yml).
  config.active_storage.service = :local

  config.log_level = :info
  config.log_tags = [:request_id]
  config.logger = ActiveSupport::TaggedLogging.new(Logger.new("log/production.log"))

  config.cache_store = :memory_store, { size: 64.megabytes }
  config.session_store :cache_store, key: "_orders_session"

  config.i18n.fallbacks = true
  config.active_record.dump_schema_after_migration = false
end
