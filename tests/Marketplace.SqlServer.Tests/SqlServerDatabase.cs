using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Testcontainers.MsSql;

namespace Marketplace.SqlServer.Tests;

/// <summary>
/// A throwaway SQL Server in a container, migrated with the SQL Server migrations. Where no
/// Docker engine answers, <see cref="Available"/> is false and the tests skip with the reason.
/// </summary>
public sealed class SqlServerDatabase : IAsyncLifetime
{
    private MsSqlContainer? _container;

    public bool Available { get; private set; }
    public string Reason { get; private set; } = "";
    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        try
        {
            _container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-latest").Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await _container.StartAsync(timeout.Token);
            ConnectionString = _container.GetConnectionString();
            await using var db = NewContext();
            await db.Database.MigrateAsync();
            Available = true;
        }
        catch (Exception e)
        {
            Reason = $"SQL Server tests need a Docker engine, and none answered here ({e.GetType().Name}: {FirstLine(e.Message)}).";
        }
    }

    public MarketplaceDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<MarketplaceDbContext>();
        options.UseMarketplaceProvider(DatabaseOptions.SqlServer, ConnectionString);
        return new MarketplaceDbContext(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
