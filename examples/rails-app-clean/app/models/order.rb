class Order < ApplicationRecord
  has_one_attached :receipt

  validates :status, inclusion: { in: %w[new paid shipped] }
end
