using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Data;

/// <summary>
/// Lets one write transaction of this process at a time into a SQLite database, the others
/// waiting asynchronously in line. SQLite has one writer anyway; without the line, a thousand
/// simultaneous bookings each held a thread while polling for the lock and lost races on it.
/// On SQL Server (row locks, many writers) it lets everyone through.
/// </summary>
public sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Waits for this context's turn to write; dispose the result to pass it on.</summary>
    public async Task<IDisposable> EnterAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return Pass.Instance;
        }
        await _turn.WaitAsync(cancellationToken);
        return new Turn(_turn);
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turn.Release();
            }
        }
    }

    private sealed class Pass : IDisposable
    {
        public static readonly Pass Instance = new();

        public void Dispose()
        {
        }
    }
}
