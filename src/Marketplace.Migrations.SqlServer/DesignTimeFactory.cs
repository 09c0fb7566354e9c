using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Marketplace.Migrations.SqlServer;

/// <summary>
/// Lets dotnet-ef build the model for SqlServer without starting the web app:
/// <c>dotnet ef migrations add NAME --project src/Marketplace.Migrations.SqlServer</c>.
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MarketplaceDbContext>
{
    public MarketplaceDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Marketplace")
            ?? "Server=localhost;Database=Marketplace;Trusted_Connection=True;TrustServerCertificate=True";
        var options = new DbContextOptionsBuilder<MarketplaceDbContext>();
        options.UseMarketplaceProvider(DatabaseOptions.SqlServer, connectionString);
        return new MarketplaceDbContext(options.Options);
    }
}
