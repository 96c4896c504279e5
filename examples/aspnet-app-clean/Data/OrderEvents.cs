using System.Text;
using RabbitMQ.Client;

namespace Orders.Api.Data;

/// <summary>Publishes order events to the broker named by ConnectionStrings__RabbitMq.</summary>
public class OrderEvents(IConfiguration configuration)
{
    private readonly ConnectionFactory _factory = new() { Uri = new Uri(configuration.GetConnectionString("RabbitMq")!) };

    public void Publish(Guid orderId)
    {
        using var connection = _factory.CreateConnection();
        using var channel = connection.CreateModel();
        channel.BasicPublish("orders", "order.updated", null, Encoding.UTF8.GetBytes(orderId.ToString()));
    }
}
