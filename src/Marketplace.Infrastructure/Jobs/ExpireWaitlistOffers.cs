using Hangfire;
using Marketplace.Domain.Bookings;
using Marketplace.Infrastructure.Bookings;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Marketplace.Infrastructure.Jobs;

/// <summary>
/// Every minute: offers past their expiry are expired, their producers told, and each stall
/// offered to the next on the waitlist. Each offer is expired under its version token, so a
/// second node (or the producer accepting at that moment) makes the other attempt a no-op.
/// </summary>
public sealed class ExpireWaitlistOffers(MarketplaceDbContext db, BookingDesk desk, TimeProvider clock,
    ILogger<ExpireWaitlistOffers> logger)
{
    // The next minute's run is the retry; the due rows stay due until handled.
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Offered && b.OfferExpiresAtUtc <= now)
            .OrderBy(b => b.OfferExpiresAtUtc)
            .Select(b => b.Id)
            .ToListAsync(cancellationToken);
        var expired = 0;
        foreach (var bookingId in due)
        {
            if (await desk.ExpireOfferAsync(bookingId, cancellationToken))
            {
                expired++;
            }
        }
        if (expired > 0)
        {
            logger.LogInformation("Expired {Count} waitlist offers", expired);
        }
        return expired;
    }
}
