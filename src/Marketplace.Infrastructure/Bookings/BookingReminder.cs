using Marketplace.Domain.Bookings;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Bookings;

/// <summary>The reminder of a confirmed booking, run by <c>SendBookingReminders</c>.</summary>
public sealed class BookingReminder(MarketplaceDbContext db, BookingMail mail, BookingStore store, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Sends the reminder of a confirmed booking (due work of <c>SendBookingReminders</c>), once:
    /// the booking is claimed by stamping its reminder time in the same transaction as the mail.
    /// </summary>
    /// <returns>False when the booking is not confirmed or was reminded already.</returns>
    public Task<bool> SendAsync(int bookingId, CancellationToken cancellationToken) =>
        store.InTransactionAsync(async () =>
        {
            var now = Now;
            var version = Guid.NewGuid();
            var claimed = await db.Bookings
                .Where(b => b.Id == bookingId && b.Status == BookingStatus.Confirmed && b.ReminderSentAtUtc == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(b => b.ReminderSentAtUtc, now)
                    .SetProperty(b => b.Version, version), cancellationToken);
            if (claimed == 0)
            {
                return false;
            }
            var booking = await db.Bookings.AsNoTracking().Include(b => b.Producer).Include(b => b.Stall)
                .SingleAsync(b => b.Id == bookingId, cancellationToken);
            var day = await store.LoadDayAsync(booking.FairDayId, cancellationToken);
            await mail.ReminderAsync(booking.Producer!, day!, booking.Stall?.Code ?? "");
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);
}
