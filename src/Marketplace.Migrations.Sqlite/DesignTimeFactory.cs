using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Marketplace.Migrations.Sqlite;

/// <summary>
/// Lets dotnet-ef build the model for Sqlite without starting the web app:
/// <c>dotnet ef migrations add NAME --project src/Marketplace.Migrations.Sqlite</c>.
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MarketplaceDbContext>
{
    public MarketplaceDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Marketplace")
            ?? "Data Source=design-time.db";
        var options = new DbContextOptionsBuilder<MarketplaceDbContext>();
        options.UseMarketplaceProvider(DatabaseOptions.Sqlite, connectionString);
        return new MarketplaceDbContext(options.Options);
    }
}
