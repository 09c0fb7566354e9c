using Marketplace.Domain.Producers;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Bookings;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Marketplace.Infrastructure.Producers;
using Marketplace.Web.Pages.ProducerArea.Bookings;
using Marketplace.Web.Pages.ProducerArea.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.ProducerArea;

/// <summary>
/// The producer's dashboard: open offers, coming bookings with their waitlist ranks, fair days
/// open for booking, links to profile, certifications and data, and the private calendar feed.
/// </summary>
public class IndexModel(MarketplaceDbContext db, TimeProvider clock, CalendarFeedTokens tokens, SiteUrl site) : PageModel
{
    public const int BookableShown = 10;
    /// <summary>The soonest this many open days are sorted by distance for the list.</summary>
    public const int BookableCandidates = 100;

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

        public bool MustApply => NeedsApproval && Membership != SeriesMembershipStatus.Approved;
    }

    /// <summary>One day's answer to "book the whole series".</summary>
    public sealed record SeriesOutcomeLine(BookingOutcome Outcome, DateOnly? Date, string? VenueName);

    public string? DisplayName { get; private set; }
    public IReadOnlyList<BookingLine> Offers { get; private set; } = [];
    public IReadOnlyList<BookingLine> Upcoming { get; private set; } = [];
    public IReadOnlyList<BookingLine> Waitlisted { get; private set; } = [];
    public IReadOnlyList<BookableDay> Bookable { get; private set; } = [];
    public IReadOnlyList<SeriesOutcomeLine>? SeriesResult { get; private set; }
    public FeedLinks? Feed { get; private set; }
    public BookingNotice? Notice { get; private set; }
    public DateTime UtcNow { get; private set; }

    /// <summary>The days open for booking come from every region, not only the producer's own.</summary>
    public bool AllRegions { get; private set; }

    /// <param name="all">Also the fairs of other regions (by default only the producer's own region's).</param>
    public async Task<IActionResult> OnGetAsync([FromQuery] bool all, CancellationToken cancellationToken)
    {
        AllRegions = all;
        Notice = BookingNotice.Take(TempData);
        var outcomes = SeriesOutcomes.Take(TempData);
        var producerId = await SignedInProducer.IdAsync(db, User, cancellationToken);
        if (producerId is not { } id)
        {
            return Page();
        }
        UtcNow = clock.GetUtcNow().UtcDateTime;
        var now = UtcNow;
        var home = await db.Producers.Where(p => p.Id == id)
            .Select(p => new { p.DisplayName, p.Municipality!.RegionId, p.Municipality.Latitude, p.Municipality.Longitude })
            .SingleAsync(cancellationToken);
        DisplayName = home.DisplayName;

        var lines = await ProducerBookings.Lines(db, id, b => b.Status != BookingStatus.Cancelled && b.FairDay!.EndsAtUtc > now)
            .ToListAsync(cancellationToken);
        Offers = lines.Where(b => b.Status == BookingStatus.Offered).ToList();
        Waitlisted = lines.Where(b => b.Status == BookingStatus.Waitlisted).ToList();
        Upcoming = lines;

        // The producer's own region, nearest venue first (soonest first within the same distance).
        var regionId = home.RegionId;
        var candidates = await db.FairDays.AsNoTracking()
            .Where(d => d.Status == FairDayStatus.Scheduled && d.BookingOpensAtUtc <= now && d.BookingClosesAtUtc > now
                && (all || d.Venue!.Municipality!.RegionId == regionId)
                && !db.Bookings.Any(b => b.FairDayId == d.Id && b.ProducerId == id && b.Status != BookingStatus.Cancelled))
            .OrderBy(d => d.StartsAtUtc).ThenBy(d => d.Id)
            .Take(BookableCandidates)
            .Select(d => new BookableDay(d.Id, d.Date, d.StartTime, d.EndTime, d.FairSeries!.Name, d.Venue!.Name,
                d.Venue.Municipality!.Name,
                db.Stalls.Count(s => s.VenueId == d.VenueId && !s.IsRetired)
                    - db.Bookings.Count(b => b.FairDayId == d.Id && b.StallId != null && Booking.HoldingStatuses.Contains(b.Status)),
                d.FairSeriesId, d.FairSeries.RequiresApproval,
                db.SeriesMemberships.Where(m => m.FairSeriesId == d.FairSeriesId && m.ProducerId == id)
                    .Select(m => (SeriesMembershipStatus?)m.Status).FirstOrDefault(),
                db.SeriesMemberships.Where(m => m.FairSeriesId == d.FairSeriesId && m.ProducerId == id)
                    .Select(m => m.DecisionReason).FirstOrDefault(),
                d.Venue.Latitude, d.Venue.Longitude))
            .ToListAsync(cancellationToken);
        Bookable = candidates
            .Select(d => d with
            {
                Km = (int)Math.Round(Marketplace.Domain.Common.GreatCircle.DistanceKm(home.Latitude, home.Longitude,
                    d.VenueLatitude, d.VenueLongitude)),
            })
            .OrderBy(d => d.Km).ThenBy(d => d.Date).ThenBy(d => d.StartTime).ThenBy(d => d.Id)
            .Take(BookableShown)
            .ToList();

        if (outcomes is not null)
        {
            var dayIds = outcomes.Select(o => o.FairDayId).ToList();
            var days = await db.FairDays.AsNoTracking()
                .Where(d => dayIds.Contains(d.Id))
                .Select(d => new { d.Id, d.Date, Venue = d.Venue!.Name })
                .ToDictionaryAsync(d => d.Id, cancellationToken);
            SeriesResult = outcomes
                .Select(o => days.TryGetValue(o.FairDayId, out var d)
                    ? new SeriesOutcomeLine(o, d.Date, d.Venue)
                    : new SeriesOutcomeLine(o, null, null))
                .OrderBy(l => l.Date)
                .ToList();
        }
        Feed = FeedLinks.For(site, await tokens.EnsureAsync(id, cancellationToken));
        return Page();
    }
}
