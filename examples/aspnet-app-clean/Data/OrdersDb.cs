using Microsoft.EntityFrameworkCore;

namespace Orders.Api.Data;

public class Order
{
    public Guid Id { get; set; }
    public string Status { get; set; } = "new";
    public string? ReceiptPath { get; set; }
}

public class OrdersDb(DbContextOptions<OrdersDb> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();
}
