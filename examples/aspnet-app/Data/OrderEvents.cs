using System.Text;
using RabbitMQ.Client;

namespace Orders.Api.Data;

/// <summary>Publishes order events to the broker.</summary>
public class OrderEvents
{
    private readonly ConnectionFactory _factory = new() { Uri = new Uri("amqp://rabbit.orders.internal:5672/orders") };

    public void Publish(Guid orderId)
    {
        using var connection = _factory.CreateConnection();
        using var channel = connection.CreateModel();
        channel.BasicPublish("orders", "order.updated", null, Encoding.UTF8.GetBytes(orderId.ToString()));
    }
}
