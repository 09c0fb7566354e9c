using Marketplace.Domain.Bookings;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Staff;

/// <summary>How many producers a broadcast reached by e-mail and how many wait on the phone list.</summary>
public sealed record BroadcastResult(int Emailed, int ByPhone);

/// <summary>
/// A message from staff to every producer booked on one fair day (holding a stall): one e-mail
/// each, or a "tell by phone" notice for producers without e-mail, all saved in one transaction.
/// </summary>
public sealed class FairDayBroadcast(MarketplaceDbContext db, ProducerMessenger messenger)
{
    public const string Template = "FairDayBroadcast";
    public const int MaxSubjectLength = 120;
    public const int MaxMessageLength = 4000;

    /// <returns>Null when the day is unknown or not managed by the staff member's municipalities.</returns>
    public async Task<BroadcastResult?> SendAsync(int fairDayId, StaffScope scope, string subject, string message,
        string link, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        var day = await db.FairDays.AsNoTracking()
            .Where(d => d.Id == fairDayId)
            .Select(d => new { d.Date, Series = d.FairSeries!.Name, d.FairSeries.OrganizerMunicipalityId })
            .SingleOrDefaultAsync(cancellationToken);
        if (day is null || !scope.Covers(day.OrganizerMunicipalityId))
        {
            return null;
        }
        var holding = Booking.HoldingStatuses.ToList();
        var producerIds = await db.Bookings.AsNoTracking()
            .Where(b => b.FairDayId == fairDayId && holding.Contains(b.Status))
            .Select(b => b.ProducerId).Distinct()
            .ToListAsync(cancellationToken);
        var producers = await db.Producers.AsNoTracking()
            .Where(p => producerIds.Contains(p.Id) && p.DeletedAtUtc == null)
            .OrderBy(p => p.Id)
            .ToListAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        int emailed = 0, byPhone = 0;
        foreach (var producer in producers)
        {
            if (await messenger.NotifyAsync(producer, "fair-day-broadcast", Template, link,
                    day.Series, day.Date, subject.Trim(), message.Trim()))
            {
                emailed++;
            }
            else
            {
                byPhone++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new BroadcastResult(emailed, byPhone);
    }
}
