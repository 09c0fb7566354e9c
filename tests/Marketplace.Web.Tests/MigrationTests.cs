using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.Web.Tests;

/// <summary>Both providers' migrations match the model; the SQL Server script generates without a server.</summary>
public class MigrationTests
{
    private static MarketplaceDbContext Context(string provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<MarketplaceDbContext>();
        options.UseMarketplaceProvider(provider, connectionString);
        return new MarketplaceDbContext(options.Options);
    }

    private static MarketplaceDbContext Sqlite() => Context(DatabaseOptions.Sqlite, "Data Source=:memory:");

    private static MarketplaceDbContext SqlServer() =>
        Context(DatabaseOptions.SqlServer, "Server=localhost;Database=Marketplace;Trusted_Connection=True;TrustServerCertificate=True");

    [Fact]
    public void Sqlite_has_no_pending_model_changes()
    {
        using var db = Sqlite();
        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration with infra/add-migration.sh");
    }

    [Fact]
    public void SqlServer_has_no_pending_model_changes()
    {
        using var db = SqlServer();
        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration with infra/add-migration.sh");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations_by_name()
    {
        using var sqlite = Sqlite();
        using var sqlServer = SqlServer();
        static IEnumerable<string> Names(DbContext db) =>
            db.Database.GetMigrations().Select(id => id[(id.IndexOf('_') + 1)..]);

        Assert.NotEmpty(Names(sqlite));
        Assert.Equal(Names(sqlite), Names(sqlServer));
    }

    [Fact]
    public void The_idempotent_SqlServer_script_generates_with_the_filtered_unique_stall_index()
    {
        using var db = SqlServer();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("IF NOT EXISTS", script);
        // Idempotent scripts wrap filtered indexes in EXEC(N'...'), doubling the quotes.
        Assert.Contains("CREATE UNIQUE INDEX [UX_Bookings_FairDay_Stall_Holding] ON [Bookings] ([FairDayId], [StallId])", script);
        Assert.Contains("WHERE [StallId] IS NOT NULL AND [Status] IN (''Offered'', ''Confirmed'', ''CheckedIn'', ''NoShow'')", script);
    }

    [Fact]
    public void The_Sqlite_script_carries_the_same_filtered_unique_stall_index()
    {
        using var db = Sqlite();
        var script = db.GetService<IMigrator>().GenerateScript();

        Assert.Contains("CREATE UNIQUE INDEX \"UX_Bookings_FairDay_Stall_Holding\"", script);
        Assert.Contains("WHERE [StallId] IS NOT NULL AND [Status] IN ('Offered', 'Confirmed', 'CheckedIn', 'NoShow')", script);
    }
}
