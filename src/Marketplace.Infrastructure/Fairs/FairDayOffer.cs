using Marketplace.Domain.Bookings;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Fairs;

/// <summary>
/// What fair days offer: the producers holding a stall on each day, and the product categories
/// they sell or said they will bring. Shared by the public listings and the residents' alerts.
/// </summary>
/// <param name="ProducerIds">Producers holding a stall on the day.</param>
/// <param name="ProductCategoryIds">Categories those producers sell, or bring that day.</param>
public sealed record FairDayOffer(IReadOnlySet<int> ProducerIds, IReadOnlySet<int> ProductCategoryIds)
{
    public static readonly FairDayOffer None = new(new HashSet<int>(), new HashSet<int>());

    /// <summary>The offer of each of <paramref name="fairDayIds"/> (days nobody holds a stall on are left out), in three queries.</summary>
    public static async Task<IReadOnlyDictionary<int, FairDayOffer>> OfDaysAsync(MarketplaceDbContext db,
        IReadOnlyCollection<int> fairDayIds, CancellationToken cancellationToken)
    {
        var ids = fairDayIds.ToList();
        var holding = Booking.HoldingStatuses.ToList();
        var bookings = await db.Bookings.AsNoTracking()
            .Where(b => ids.Contains(b.FairDayId) && holding.Contains(b.Status))
            .Select(b => new { b.Id, b.FairDayId, b.ProducerId })
            .ToListAsync(cancellationToken);
        var producerIds = bookings.Select(b => b.ProducerId).Distinct().ToList();
        var bookingIds = bookings.Select(b => b.Id).ToList();
        var sells = (await db.ProducerProducts.AsNoTracking()
                .Where(pp => producerIds.Contains(pp.ProducerId))
                .Select(pp => new { pp.ProducerId, pp.ProductCategoryId })
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.ProducerId, s => s.ProductCategoryId);
        var brings = (await db.BookingItems.AsNoTracking()
                .Where(i => bookingIds.Contains(i.BookingId) && i.ProductCategoryId != null)
                .Select(i => new { i.BookingId, CategoryId = i.ProductCategoryId!.Value })
                .ToListAsync(cancellationToken))
            .ToLookup(i => i.BookingId, i => i.CategoryId);

        return bookings.GroupBy(b => b.FairDayId).ToDictionary(day => day.Key, day => new FairDayOffer(
            day.Select(b => b.ProducerId).ToHashSet(),
            day.SelectMany(b => sells[b.ProducerId].Concat(brings[b.Id])).ToHashSet()));
    }
}
