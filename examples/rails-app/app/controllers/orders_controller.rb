class OrdersController < ApplicationController
  def show
    order = Order.find(params[:id])
    views = REDIS.incr("order:#{order.id}:views")
    render json: { id: order.id, status: order.status, views: views }
  end

  def receipt
    order = Order.find(params[:id])
    order.receipt.attach(params.require(:receipt))
    head :created
  end
end
