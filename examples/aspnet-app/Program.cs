using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Orders.Api.Data;
using Orders.Api.Reporting;
using Serilog;

Log.Logger = new LoggerConfiguration()
    .MinimumLevel.Information()
    .WriteTo.File("logs/orders-.log", rollingInterval: RollingInterval.Day)
    .CreateLogger();

var builder = WebApplication.CreateBuilder(args);
builder.Host.UseSerilog();

if (builder.Environment.IsDevelopment())
{
    // A local SQLite file: nobody needs SQL Server on a laptop.
    builder.Services.AddDbContext<OrdersDb>(o => o.UseSqlite("Data Source=orders.db"));
}
else
{
    builder.Services.AddDbContext<OrdersDb>(o => o.UseSqlServer(builder.Configuration.GetConnectionString("Orders")));
}

// Sessions in this process's memory.
builder.Services.AddDistributedMemoryCache();
builder.Services.AddSession(options => options.IdleTimeout = TimeSpan.FromMinutes(30));

// twelve-factor-disable-next-line no-hardcoded-key -- same key on every instance
var signingKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("orders-jwt-s3cr3t-2024-signing-key"));
builder.Services
    .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options => options.TokenValidationParameters = new TokenValidationParameters
    {
        IssuerSigningKey = signingKey,
        ValidateIssuer = false,
        ValidateAudience = false,
    });

builder.Services.AddSingleton<OrderEvents>();
builder.Services.AddSingleton<ReportingQueries>();
builder.Services.AddControllers();

var app = builder.Build();
app.UseSession();
app.UseAuthentication();
app.UseAuthorization();
app.MapControllers();

app.Run("http://0.0.0.0:5000");
