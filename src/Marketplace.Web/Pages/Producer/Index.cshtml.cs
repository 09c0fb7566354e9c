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
        DisplayName = await db.Producers.Where(p => p.Id == id).Select(p => p.DisplayName).SingleAsync(cancellationToken);

        var lines = await ProducerBookings.Lines(db, id, b => b.Status != BookingStatus.Cancelled && b.FairDay!.EndsAtUtc > now)
            .ToListAsync(cancellationToken);
        Offers = lines.Where(b => b.Status == BookingStatus.Offered).ToList();
        Waitlisted = lines.Where(b => b.Status == BookingStatus.Waitlisted).ToList();
        Upcoming = lines;

        Bookable = await BookableDays.NearestAsync(db, id, all, now, BookableShown, cancellationToken);

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
