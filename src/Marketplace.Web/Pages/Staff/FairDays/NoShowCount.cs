using Marketplace.Domain.Bookings;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Staff.FairDays;

/// <summary>How many times each producer booked a stall and did not come: staff see it when approving.</summary>
public static class NoShowCount
{
    public static async Task<Dictionary<int, int>> ForAsync(MarketplaceDbContext db, IEnumerable<int> producerIds,
        CancellationToken cancellationToken)
    {
        var ids = producerIds.Distinct().ToList();
        return await db.Bookings.AsNoTracking()
            .Where(b => ids.Contains(b.ProducerId) && b.Status == BookingStatus.NoShow)
            .GroupBy(b => b.ProducerId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }
}
