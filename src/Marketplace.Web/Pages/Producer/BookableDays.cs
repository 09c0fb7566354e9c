using Marketplace.Domain.Bookings;
using Marketplace.Domain.Common;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.ProducerArea;

/// <summary>A coming fair day whose booking window is open and that the producer has not booked.</summary>
/// <remarks>
/// Where the series takes only approved producers (<paramref name="NeedsApproval"/>) and this one
/// is not approved, the day offers to apply instead of booking, with the application's state.
/// </remarks>
public sealed record BookableDay(int Id, DateOnly Date, TimeOnly StartTime, TimeOnly EndTime,
    string SeriesName, string VenueName, string MunicipalityName, int FreeStalls,
    int SeriesId = 0, bool NeedsApproval = false, SeriesMembershipStatus? Membership = null, string? DecisionReason = null,
    double VenueLatitude = 0, double VenueLongitude = 0)
{
    /// <summary>From the producer's municipality to the venue, in whole kilometres (set when listed).</summary>
    public int Km { get; init; }

    /// <summary>The series is one the producer may apply to (its own region's, season not over).</summary>
    public bool CanApply { get; init; }

    public bool MustApply => NeedsApproval && Membership != SeriesMembershipStatus.Approved;
}

/// <summary>
/// The fair days a producer can book now: its own region's by default, nearest venue first
/// (from the producer's municipality), soonest first at the same distance. Used by the
/// dashboard and by the profile page right after a save.
/// </summary>
public static class BookableDays
{
    /// <summary>The soonest this many open days are sorted by distance for the list.</summary>
    public const int Candidates = 100;

    public static async Task<IReadOnlyList<BookableDay>> NearestAsync(MarketplaceDbContext db, int producerId,
        bool allRegions, DateTime utcNow, int take, CancellationToken cancellationToken)
    {
        var home = await db.Producers.Where(p => p.Id == producerId)
            .Select(p => new { p.Municipality!.RegionId, p.Municipality.Latitude, p.Municipality.Longitude })
            .SingleAsync(cancellationToken);
        var regionId = home.RegionId;
        var candidates = await db.FairDays.AsNoTracking()
            .Where(d => d.Status == FairDayStatus.Scheduled && d.BookingOpensAtUtc <= utcNow && d.BookingClosesAtUtc > utcNow
                && (allRegions || d.Venue!.Municipality!.RegionId == regionId)
                && !db.Bookings.Any(b => b.FairDayId == d.Id && b.ProducerId == producerId && b.Status != BookingStatus.Cancelled))
            .OrderBy(d => d.StartsAtUtc).ThenBy(d => d.Id)
            .Take(Candidates)
            .Select(d => new
            {
                Day = new BookableDay(d.Id, d.Date, d.StartTime, d.EndTime, d.FairSeries!.Name, d.Venue!.Name,
                    d.Venue.Municipality!.Name,
                    db.Stalls.Count(s => s.VenueId == d.VenueId && !s.IsRetired)
                        - db.Bookings.Count(b => b.FairDayId == d.Id && b.StallId != null && Booking.HoldingStatuses.Contains(b.Status)),
                    d.FairSeriesId, d.FairSeries.RequiresApproval, null, null, d.Venue.Latitude, d.Venue.Longitude),
                CanApply = Series.OpenSeries.OfRegion(db, regionId, utcNow).Any(s => s.Id == d.FairSeriesId),
                Membership = db.SeriesMemberships.Where(m => m.FairSeriesId == d.FairSeriesId && m.ProducerId == producerId)
                    .Select(m => new { m.Status, m.DecisionReason }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return candidates
            .Select(c => c.Day with
            {
                Membership = c.Membership?.Status,
                DecisionReason = c.Membership?.DecisionReason,
                CanApply = c.CanApply,
                Km = (int)Math.Round(GreatCircle.DistanceKm(home.Latitude, home.Longitude, c.Day.VenueLatitude, c.Day.VenueLongitude)),
            })
            .OrderBy(d => d.Km).ThenBy(d => d.Date).ThenBy(d => d.StartTime).ThenBy(d => d.Id)
            .Take(take)
            .ToList();
    }
}
