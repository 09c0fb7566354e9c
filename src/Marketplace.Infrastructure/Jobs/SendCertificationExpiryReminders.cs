using Hangfire;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Common;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Producers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Marketplace.Infrastructure.Jobs;

/// <summary>
/// Every day: a verified certification whose last valid day is at most <see cref="Certification.ExpiryReminderLeadDays"/>
/// days away (in the local date of the producer's municipality) gets one reminder. Each one is
/// claimed by stamping <see cref="Certification.ExpiryReminderSentAtUtc"/> with a conditional
/// update in the transaction that queues the mail, so two nodes running the job never send twice.
/// </summary>
public sealed class SendCertificationExpiryReminders(MarketplaceDbContext db, CertificationMail mail,
    TimeProvider clock, ILogger<SendCertificationExpiryReminders> logger)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // No municipality's local date is more than a day away from UTC's: a cheap bound for the query.
        var utcToday = DateOnly.FromDateTime(now);
        var earliest = utcToday.AddDays(-1);
        var latest = utcToday.AddDays(Certification.ExpiryReminderLeadDays + 1);
        var candidates = await db.Certifications.AsNoTracking()
            .Where(c => c.Status == CertificationStatus.Verified && c.ExpiryReminderSentAtUtc == null
                && c.ValidTo >= earliest && c.ValidTo <= latest && c.Producer!.DeletedAtUtc == null)
            .OrderBy(c => c.ValidTo).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.ValidTo, c.Producer!.Municipality!.TimeZoneId })
            .ToListAsync(cancellationToken);

        var clocks = new Dictionary<string, MunicipalClock>();
        var sent = 0;
        foreach (var candidate in candidates)
        {
            if (!clocks.TryGetValue(candidate.TimeZoneId, out var local))
            {
                local = clocks[candidate.TimeZoneId] = new MunicipalClock(candidate.TimeZoneId);
            }
            if (Certification.IsExpiryReminderDue(candidate.ValidTo, local.TodayAt(now)) && await SendAsync(candidate.Id, now, cancellationToken))
            {
                sent++;
            }
        }
        if (sent > 0)
        {
            logger.LogInformation("Sent {Count} certification expiry reminders", sent);
        }
        return sent;
    }

    private async Task<bool> SendAsync(int certificationId, DateTime now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Certifications
            .Where(c => c.Id == certificationId && c.Status == CertificationStatus.Verified
                && c.ExpiryReminderSentAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiryReminderSentAtUtc, now), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }
        var certification = await db.Certifications.AsNoTracking().Include(c => c.Producer)
            .SingleAsync(c => c.Id == certificationId, cancellationToken);
        await mail.ExpiringAsync(certification.Producer!, certification);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
