using Marketplace.Domain.Fairs;
using Marketplace.Domain.Subscriptions;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Fairs;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Subscriptions;

/// <summary>What a subscription's rules look at in a fair day: where it is held and what is sold there.</summary>
public sealed record FairDayFacts(
    int Id, DateOnly Date, TimeOnly StartTime, TimeOnly EndTime, FairDayStatus Status, string? StatusReason,
    DateTime StartsAtUtc, string Series, string Venue, string Municipality, int MunicipalityId, int? CorridorId,
    double Latitude, double Longitude, string RegionName, IReadOnlySet<int> ProductCategoryIds)
{
    public bool Matches(Subscription subscription) =>
        subscription.Place.Covers(MunicipalityId, CorridorId, Latitude, Longitude)
        && subscription.WantsAnyOf(ProductCategoryIds);

    /// <summary>
    /// Facts of the given fair days, soonest first. Product categories are those the producers
    /// holding a stall sell or said they will bring.
    /// </summary>
    public static async Task<List<FairDayFacts>> LoadAsync(MarketplaceDbContext db, IQueryable<FairDay> days,
        CancellationToken cancellationToken)
    {
        var rows = await days.AsNoTracking()
            .OrderBy(d => d.StartsAtUtc).ThenBy(d => d.Id)
            .Select(d => new
            {
                d.Id, d.Date, d.StartTime, d.EndTime, d.Status, d.StatusReason, d.StartsAtUtc,
                Series = d.FairSeries!.Name, Venue = d.Venue!.Name, Municipality = d.Venue.Municipality!.Name,
                d.Venue.MunicipalityId, d.Venue.Municipality.CorridorId, d.Venue.Latitude, d.Venue.Longitude,
                Region = d.Venue.Municipality.Region!.Name,
            })
            .ToListAsync(cancellationToken);
        var offers = await FairDayOffer.OfDaysAsync(db, rows.Select(r => r.Id).ToList(), cancellationToken);

        return rows.Select(r =>
        {
            var products = offers.GetValueOrDefault(r.Id, FairDayOffer.None).ProductCategoryIds;
            return new FairDayFacts(r.Id, r.Date, r.StartTime, r.EndTime, r.Status, r.StatusReason, r.StartsAtUtc,
                r.Series, r.Venue, r.Municipality, r.MunicipalityId, r.CorridorId, r.Latitude, r.Longitude, r.Region,
                products);
        }).ToList();
    }
}
