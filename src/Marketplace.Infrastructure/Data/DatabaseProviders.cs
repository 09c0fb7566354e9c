using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Data;

/// <summary>
/// Picks the EF Core provider and the assembly holding its migrations. Each provider keeps its
/// own migrations under the same names, generated from the same model.
/// </summary>
public static class DatabaseProviders
{
    public const string SqliteMigrationsAssembly = "Marketplace.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "Marketplace.Migrations.SqlServer";

    public static DbContextOptionsBuilder UseMarketplaceProvider(
        this DbContextOptionsBuilder options, string provider, string connectionString)
    {
        if (string.Equals(provider, DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return options.UseSqlite(connectionString, sqlite => sqlite
                    .MigrationsAssembly(SqliteMigrationsAssembly)
                    .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
                .AddInterceptors(new SqliteTuning());
        }
        if (string.Equals(provider, DatabaseOptions.SqlServer, StringComparison.OrdinalIgnoreCase))
        {
            return options.UseSqlServer(connectionString, sql => sql
                .MigrationsAssembly(SqlServerMigrationsAssembly));
        }
        throw new InvalidOperationException(
            $"Database:Provider must be '{DatabaseOptions.Sqlite}' or '{DatabaseOptions.SqlServer}', not '{provider}'.");
    }
}
