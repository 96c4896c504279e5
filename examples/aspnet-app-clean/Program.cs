using System.Text;
using Amazon.S3;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Orders.Api.Data;
using Orders.Api.Reporting;
using Serilog;
using Serilog.Formatting.Compact;

// One JSON event per line on stdout; the platform collects and routes the stream.
Log.Logger = new LoggerConfiguration()
    .MinimumLevel.Information()
    .WriteTo.Console(new RenderedCompactJsonFormatter())
    .CreateLogger();

var builder = WebApplication.CreateBuilder(args);
builder.Host.UseSerilog();

// Every value below comes from the environment (ConnectionStrings__Orders, Jwt__SigningKey, …).
var config = builder.Configuration;
builder.Services.AddDbContext<OrdersDb>(o => o.UseSqlServer(config.GetConnectionString("Orders")));

// Sessions in Redis, shared by every instance.
builder.Services.AddStackExchangeRedisCache(options => options.Configuration = config.GetConnectionString("Redis"));
builder.Services.AddSession(options => options.IdleTimeout = TimeSpan.FromMinutes(30));

var signingKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(config["Jwt:SigningKey"]!));
builder.Services
    .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options => options.TokenValidationParameters = new TokenValidationParameters
    {
        IssuerSigningKey = signingKey,
        ValidateIssuer = false,
        ValidateAudience = false,
    });

builder.Services.AddAWSService<IAmazonS3>();
builder.Services.AddSingleton<OrderEvents>();
builder.Services.AddSingleton<ReportingQueries>();
builder.Services.AddControllers();

var app = builder.Build();
app.UseSession();
app.UseAuthentication();
app.UseAuthorization();
app.MapControllers();

// The platform assigns the port in PORT.
var port = Environment.GetEnvironmentVariable("PORT") ?? "8080";
app.Run($"http://0.0.0.0:{port}");
