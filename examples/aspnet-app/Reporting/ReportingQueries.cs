using Microsoft.Data.SqlClient;

namespace Orders.Api.Reporting;

/// <summary>Nightly reports read from the replica.</summary>
public class ReportingQueries
{
    private const string ReplicaConnection = "Server=replica.orders.internal;Database=Orders;User Id=reporting;Password=r3port-s3cr3t;TrustServerCertificate=true";

    public async Task<int> OrdersToday()
    {
        await using var connection = new SqlConnection(ReplicaConnection);
        await connection.OpenAsync();
        await using var command = new SqlCommand("SELECT COUNT(*) FROM Orders WHERE CreatedAt >= CAST(GETDATE() AS date)", connection);
        return (int)(await command.ExecuteScalarAsync() ?? 0);
    }
}
