using Marketplace.Infrastructure.Data;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests;

/// <summary>The SQLite settings every connection of the site gets (SqliteTuning).</summary>
public class SqliteTuningTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    [Fact]
    public async Task A_connection_of_the_site_waits_for_the_writer_and_SQLite_keeps_its_memory_small()
    {
        var (busyTimeout, heapLimit) = await site.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
            try
            {
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA busy_timeout;";
                var timeout = Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
                // A negative argument reads the process-wide limit without changing it.
                return (timeout, SQLitePCL.raw.sqlite3_soft_heap_limit64(-1));
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

        Assert.Equal(30_000, busyTimeout);
        Assert.Equal(SqliteTuning.SoftHeapLimitBytes, heapLimit);
    }
}
