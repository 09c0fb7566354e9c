using System.Collections.Concurrent;
using Marketplace.Domain.Mail;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Infrastructure.Jobs;

/// <summary>
/// Keeps a live send run's leases from running out: every third of <c>Mail:Lease</c> it moves the
/// end of each lease the run holds one lease further, with a conditional update on the lease id,
/// on a context of its own (the run's context belongs to its marks). The lease can then be short:
/// a run that died stops renewing, and its untried messages go to the next run within one lease.
/// </summary>
internal sealed class OutboxLeaseHeartbeat : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, HeldLease> _held = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeSpan _lease;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Task _beating;

    public OutboxLeaseHeartbeat(IServiceScopeFactory scopes, TimeSpan lease, TimeProvider clock, ILogger logger)
    {
        _scopes = scopes;
        _lease = lease;
        _clock = clock;
        _logger = logger;
        _beating = Task.Run(BeatAsync);
    }

    /// <summary>Renews this lease from now on; the returned lease tells how long it lasts.</summary>
    public HeldLease Hold(Guid leaseId, IReadOnlyCollection<Guid> messageIds, DateTime leasedUntilUtc) =>
        _held[leaseId] = new HeldLease(messageIds.ToList(), leasedUntilUtc);

    /// <summary>Stops renewing a lease whose messages the run is done with or gave back.</summary>
    public void Drop(Guid leaseId) => _held.TryRemove(leaseId, out _);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _beating;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private async Task BeatAsync()
    {
        using var timer = new PeriodicTimer(_lease / 3, _clock);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            foreach (var (leaseId, held) in _held)
            {
                try
                {
                    await RenewAsync(leaseId, held);
                }
                catch (ObjectDisposedException)
                {
                    // The host is gone: so is the run, and its leases run out on their own.
                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The run stops a fifth of the lease before the last renewal's end.
                    _logger.LogWarning(e, "Renewing outbox lease {LeaseId} failed", leaseId);
                }
            }
        }
    }

    private async Task RenewAsync(Guid leaseId, HeldLease held)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var until = _clock.GetUtcNow().UtcDateTime + _lease;
        // By key and lease: sent and given-back messages no longer carry this lease and stay as they are.
        await db.OutboxMessages
            .Where(m => held.MessageIds.Contains(m.Id) && m.LeaseId == leaseId && m.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeasedUntilUtc, until), _stop.Token);
        held.Renewed(until);
    }
}

/// <summary>One lease a run holds, and the end of it as last written.</summary>
internal sealed class HeldLease(List<Guid> messageIds, DateTime leasedUntilUtc)
{
    private long _leasedUntilTicks = leasedUntilUtc.Ticks;

    public List<Guid> MessageIds { get; } = messageIds;

    public DateTime LeasedUntilUtc => new(Interlocked.Read(ref _leasedUntilTicks), DateTimeKind.Utc);

    public void Renewed(DateTime untilUtc) => Interlocked.Exchange(ref _leasedUntilTicks, untilUtc.Ticks);
}
