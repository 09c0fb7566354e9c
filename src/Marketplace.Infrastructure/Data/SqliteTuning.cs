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
/// <see cref="SoftHeapLimitBytes"/> bounds SQLite's memory for the whole process.
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

    /// <summary>
    /// What SQLite may keep in memory for the whole process, page caches included, before it
    /// recycles cached pages (its soft heap limit). Each connection would otherwise cache up to
    /// 2 MB, and the pool keeps dozens open: at region scale the read-heavy pages filled 20–30 MB
    /// with pages the operating system's file cache holds anyway.
    /// </summary>
    public const long SoftHeapLimitBytes = 8L * 1024 * 1024;

    private static int _heapLimited;

    private static void SetBusyTimeout(DbConnection connection)
    {
        // Process-wide, so once; after the first open, when SQLite is surely initialised.
        if (Interlocked.Exchange(ref _heapLimited, 1) == 0)
        {
            SQLitePCL.raw.sqlite3_soft_heap_limit64(SoftHeapLimitBytes);
        }
        var handle = ((SqliteConnection)connection).Handle;
        if (SQLitePCL.raw.sqlite3_busy_timeout(handle, BusyTimeoutMilliseconds) != SQLitePCL.raw.SQLITE_OK)
        {
            throw new InvalidOperationException("SQLite refused the busy timeout.");
        }
    }

    /// <summary>
    /// Bounds how long SQLite waits for a held write lock on the context's open connection, for
    /// one caller that must answer soon (the health check); the next open sets the usual wait again.
    /// </summary>
    public static void LimitBusyWait(MarketplaceDbContext db, TimeSpan wait)
    {
        if (db.Database.GetDbConnection() is SqliteConnection { Handle: not null } sqlite)
        {
            SQLitePCL.raw.sqlite3_busy_timeout(sqlite.Handle, (int)wait.TotalMilliseconds);
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
