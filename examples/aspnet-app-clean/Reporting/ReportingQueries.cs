using Microsoft.Data.SqlClient;

namespace Orders.Api.Reporting;

/// <summary>Nightly reports read from the replica named by ConnectionStrings__Reporting.</summary>
public class ReportingQueries(IConfiguration configuration)
{
    public async Task<int> OrdersToday()
    {
        await using var connection = new SqlConnection(configuration.GetConnectionString("Reporting"));
        await connection.OpenAsync();
        await using var command = new SqlCommand("SELECT COUNT(*) FROM Orders WHERE CreatedAt >= CAST(GETDATE() AS date)", connection);
        return (int)(await command.ExecuteScalarAsync() ?? 0);
    }
}
