using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Data;

/// <summary>
/// Picks the EF Core provider and the assembly holding its migrations. Each provider keeps its
/// own migrations under the same names, generated from the same model.
/// </summary>
/// <remarks>
/// A list of ids in a query (<c>ids.Contains(x.Id)</c>) goes to the database as one JSON parameter
/// (<c>json_each</c> on SQLite, <c>OPENJSON</c> on SQL Server) rather than EF Core 10's default of
/// one parameter per id: a page's lists of a few hundred producer or booking ids then keep one SQL
/// text and one prepared plan, where one parameter per id made a new SQL text for every length
/// and SQLite looked each of hundreds of names up one by one (a fifth of an uncached /Fairs
/// render's processor at region scale, by <c>perf</c>).
/// </remarks>
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
                    .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .AddInterceptors(new SqliteTuning());
        }
        if (string.Equals(provider, DatabaseOptions.SqlServer, StringComparison.OrdinalIgnoreCase))
        {
            return options.UseSqlServer(connectionString, sql => sql
                .MigrationsAssembly(SqlServerMigrationsAssembly)
                .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
        }
        throw new InvalidOperationException(
            $"Database:Provider must be '{DatabaseOptions.Sqlite}' or '{DatabaseOptions.SqlServer}', not '{provider}'.");
    }
}
