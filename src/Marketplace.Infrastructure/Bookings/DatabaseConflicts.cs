using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Bookings;

/// <summary>
/// Recognizes the database errors a booking step answers by trying again on fresh data: a unique
/// index refusing a second holder, offer or waitlist position; an optimistic concurrency
/// conflict; a busy SQLite file; a SQL Server deadlock victim.
/// </summary>
public static class DatabaseConflicts
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;
    private const int SqlServerDuplicateKeyInIndex = 2601;
    private const int SqlServerDuplicateKeyInConstraint = 2627;
    private const int SqlServerDeadlockVictim = 1205;

    /// <summary>A unique index or key refused the change, on either provider.</summary>
    public static bool IsUniqueViolation(Exception exception) =>
        Causes(exception).Any(e => e switch
        {
            SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
                && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
            SqlException sql => sql.Number is SqlServerDuplicateKeyInIndex or SqlServerDuplicateKeyInConstraint,
            _ => false,
        });

    /// <summary>Worth another attempt on fresh data: a uniqueness or concurrency conflict, a busy database.</summary>
    public static bool IsRetryable(Exception exception) =>
        IsUniqueViolation(exception)
        || Causes(exception).Any(e => e switch
        {
            DbUpdateConcurrencyException => true,
            SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked,
            SqlException sql => sql.Number == SqlServerDeadlockVictim,
            _ => false,
        });

    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
