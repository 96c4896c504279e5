# Nightly reports read from the replica.
class ReportingRecord < ActiveRecord::Base
  self.abstract_class = true
  establish_connection ENV.fetch("REPORTING_DATABASE_URL")
end
