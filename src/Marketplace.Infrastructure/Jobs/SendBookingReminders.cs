using Hangfire;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Bookings;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Marketplace.Infrastructure.Jobs;

/// <summary>
/// Every hour: confirmed bookings whose fair day starts within <see cref="Lead"/> get their
/// reminder, once — each booking is claimed by stamping its reminder time with a conditional
/// update in the transaction that queues the mail.
/// </summary>
public sealed class SendBookingReminders(MarketplaceDbContext db, BookingReminder reminder, TimeProvider clock,
    ILogger<SendBookingReminders> logger)
{
    public static readonly TimeSpan Lead = TimeSpan.FromHours(48);

    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + Lead;
        var due = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Confirmed && b.ReminderSentAtUtc == null
                && b.FairDay!.Status == FairDayStatus.Scheduled
                && b.FairDay.StartsAtUtc > now && b.FairDay.StartsAtUtc <= until)
            .OrderBy(b => b.FairDay!.StartsAtUtc)
            .Select(b => b.Id)
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var bookingId in due)
        {
            if (await reminder.SendAsync(bookingId, cancellationToken))
            {
                sent++;
            }
        }
        if (sent > 0)
        {
            logger.LogInformation("Sent {Count} booking reminders", sent);
        }
        return sent;
    }
}
