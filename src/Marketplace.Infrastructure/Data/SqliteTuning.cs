using System.Data.Common;
using Microsoft.Data.Sqlite;
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
    private const int BusyTimeoutMilliseconds = 30_000;

    // A native call on the connection's handle, not a PRAGMA statement: EF opens a pooled
    // connection for every query outside a transaction, and a statement per open was one more
    // round trip on each of them.
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        SetBusyTimeout(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        SetBusyTimeout(connection);
        return Task.CompletedTask;
    }

    private static void SetBusyTimeout(DbConnection connection)
    {
        var handle = ((SqliteConnection)connection).Handle;
        if (SQLitePCL.raw.sqlite3_busy_timeout(handle, BusyTimeoutMilliseconds) != SQLitePCL.raw.SQLITE_OK)
        {
            throw new InvalidOperationException("SQLite refused the busy timeout.");
        }
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
