# Nightly reports read from the replica.
class ReportingRecord < ActiveRecord::Base
  self.abstract_class = true
  establish_connection "postgres://reporting:r3port-s3cr3t@replica.orders.internal:5432/orders"
end
