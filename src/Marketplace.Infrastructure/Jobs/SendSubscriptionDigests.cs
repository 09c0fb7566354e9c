using Hangfire;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Subscriptions;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Marketplace.Infrastructure.Jobs;

/// <summary>
/// Every hour: each confirmed subscription whose digest is due gets the coming two weeks' fair
/// days that match it. A subscription is claimed by moving its due time a week on with a
/// conditional update, in the transaction that queues the mail, so two nodes never both send
/// it. Unconfirmed subscriptions past their window are deleted.
/// </summary>
public sealed class SendSubscriptionDigests(MarketplaceDbContext db, SubscriberAlerts alerts, TimeProvider clock,
    ILogger<SendSubscriptionDigests> logger)
{
    public const int BatchSize = 500;

    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = now - Subscription.ConfirmationWindow;
        await db.Subscriptions.Where(s => s.ConfirmedAtUtc == null && s.CreatedAtUtc < expired)
            .ExecuteDeleteAsync(cancellationToken);

        var due = await db.Subscriptions.AsNoTracking()
            .Where(s => s.ConfirmedAtUtc != null && s.NextDigestAtUtc <= now)
            .OrderBy(s => s.NextDigestAtUtc)
            .Select(s => s.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }
        var until = now + Subscription.DigestHorizon;
        var coming = await FairDayFacts.LoadAsync(db, db.FairDays.Where(d => d.Status == FairDayStatus.Scheduled
            && d.EndsAtUtc >= now && d.StartsAtUtc <= until), cancellationToken);

        var sent = 0;
        foreach (var id in due)
        {
            if (await SendAsync(id, now, coming, cancellationToken))
            {
                sent++;
            }
        }
        if (sent > 0)
        {
            logger.LogInformation("Queued {Count} subscription digests", sent);
        }
        return sent;
    }

    private async Task<bool> SendAsync(int id, DateTime now, List<FairDayFacts> coming, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The claim: another node that already moved the due time on matches no row.
        var claimed = await db.Subscriptions
            .Where(s => s.Id == id && s.ConfirmedAtUtc != null && s.NextDigestAtUtc <= now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.NextDigestAtUtc, now + Subscription.DigestInterval)
                .SetProperty(x => x.LastDigestAtUtc, now), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }
        var subscription = await db.Subscriptions.AsNoTracking().Include(s => s.Products)
            .SingleAsync(s => s.Id == id, cancellationToken);
        var message = await alerts.QueueDigestAsync(subscription, coming, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return message is not null;
    }
}
