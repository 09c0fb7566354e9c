using Marketplace.Infrastructure.Bookings;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.Web.Health;

/// <summary>
/// The database accepts writes: a real committed write of one small row, since a full disk or a
/// held write lock lets every read (and so the connection check) pass, and a write rolled back
/// never reaches SQLite's journal. At most one write per <see cref="ProbeEvery"/> for all
/// callers; the answer is kept until then. Unhealthy while writes fail, healthy once one lands.
/// </summary>
public sealed class DatabaseWritesHealthCheck(IServiceScopeFactory scopes, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan ProbeEvery = TimeSpan.FromSeconds(10);

    // A write that waits longer than this for the database counts as refused.
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    // The probe's row lives among the seed records (a name and an instant), so it needs no table of its own.
    private const string ProbeRecord = "health-write-probe";

    private readonly SemaphoreSlim _probing = new(1, 1);
    private HealthCheckResult _last;
    private DateTimeOffset _probedAt = DateTimeOffset.MinValue;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await _probing.WaitAsync(cancellationToken);
        try
        {
            if (clock.GetUtcNow() - _probedAt >= ProbeEvery)
            {
                _last = await ProbeAsync(cancellationToken);
                _probedAt = clock.GetUtcNow();
            }
            return _last;
        }
        finally
        {
            _probing.Release();
        }
    }

    private async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            await db.Database.OpenConnectionAsync(timeout.Token);
            try
            {
                // SQLite waits for a held lock natively and ignores cancellation meanwhile.
                SqliteTuning.LimitBusyWait(db, ProbeTimeout);
                await WriteAsync(db, timeout.Token);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            return HealthCheckResult.Healthy("The database accepts writes.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database refuses writes.", e);
        }
    }

    private async Task WriteAsync(MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.SeedRecords.Where(r => r.Name == ProbeRecord)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LoadedAtUtc, now), cancellationToken) > 0)
        {
            return;
        }
        db.SeedRecords.Add(new SeedRecord { Name = ProbeRecord, LoadedAtUtc = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseConflicts.IsUniqueViolation(e))
        {
            // Another node wrote the first probe at the same moment: the database took a write.
        }
    }
}
