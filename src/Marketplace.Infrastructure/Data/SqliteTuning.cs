using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Marketplace.Infrastructure.Data;

/// <summary>
/// SQLite settings that decide how it behaves under load, applied to every connection the
/// context opens. The database is in WAL mode (EF Core creates it so).
/// </summary>
/// <remarks>
/// <c>busy_timeout</c>: SQLite itself waits for a held write lock in steps of a few milliseconds,
/// where Microsoft.Data.Sqlite's own retry sleeps 150 ms a time. <c>synchronous</c> stays at its
/// durable default (FULL): with NORMAL a power cut could lose the last commits, outbox messages
/// and bookings among them, and PRODUCT.md promises that nothing is lost; measured, NORMAL did not
/// speed up the mail sender either.
/// </remarks>
public sealed class SqliteTuning : DbConnectionInterceptor
{
    private const string ConnectionPragmas = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = ConnectionPragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = ConnectionPragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Refreshes the query planner's statistics where they are missing or stale (at start, after
    /// the migrations). Without them SQLite guesses, and at region scale it guessed wrong: the
    /// organic filter of /Fairs walked every verified certification for every booking.
    /// </summary>
    public static async Task OptimizeAsync(MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize = 0x10002;", cancellationToken);
        }
    }
}
