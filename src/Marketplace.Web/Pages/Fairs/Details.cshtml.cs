using System.Text.Json;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Identity;
using Marketplace.Infrastructure.Mail;
using Marketplace.Web.Pages.ProducerArea.Bookings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Fairs;

/// <summary>
/// One fair day: where, when, its stalls (free or taken) and who comes with what. A signed-in
/// producer gets the stall grid as the first step of booking instead.
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Hosting.PublicCache.Policy)]
public class DetailsModel(MarketplaceDbContext db, TimeProvider clock,
    Microsoft.Extensions.Caching.Memory.IMemoryCache cache, SiteUrl site) : PageModel
{
    public sealed record StallView(string Code, bool Taken, string? ProducerName);
    /// <summary>An attending producer, its product categories and what it said it will bring.</summary>
    public sealed record ProducerView(int Id, string Name, IReadOnlyList<string> Products, IReadOnlyList<string> Brings,
        bool HasPublicPage, bool Organic);

    public FairDay Day { get; private set; } = null!;
    public IReadOnlyList<StallView> Stalls { get; private set; } = [];
    public IReadOnlyList<ProducerView> Producers { get; private set; } = [];
    public int FreeStalls => Stalls.Count(s => !s.Taken);
    public string StructuredData { get; private set; } = "";
    /// <summary>The booking form, for a signed-in producer; null for everyone else.</summary>
    public StallPicker? Picker { get; private set; }
    /// <summary>An anonymous visitor is shown the way to book a stall (the booking page, after signing in).</summary>
    public bool OffersBooking { get; private set; }
    /// <summary>The lowest stall fee of the series, in the organizer's currency; null when it sets none.</summary>
    public decimal? StallFeeFrom { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var day = await db.FairDays.AsNoTracking()
            .Include(d => d.FairSeries).ThenInclude(s => s!.OrganizerMunicipality)
            .Include(d => d.Venue).ThenInclude(v => v!.Municipality).ThenInclude(m => m!.Region)
            .SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (day is null)
        {
            return NotFound();
        }
        Day = day;

        // Who holds a stall, with what they sell, bring and are certified for: one query.
        var holding = Booking.HoldingStatuses.ToList();
        var holders = await db.Bookings.AsNoTracking()
            .Where(b => b.FairDayId == id && b.StallId != null && holding.Contains(b.Status))
            .Select(b => new
            {
                b.Id, StallId = b.StallId!.Value, b.ProducerId, b.Producer!.DisplayName,
                Deleted = b.Producer.DeletedAtUtc != null,
                Items = b.Items.ToList(),
                CategoryIds = db.ProducerProducts.Where(pp => pp.ProducerId == b.ProducerId)
                    .OrderBy(pp => pp.ProductCategoryId).Select(pp => pp.ProductCategoryId).ToList(),
                Certifications = db.Certifications
                    .Where(c => c.ProducerId == b.ProducerId && c.Status == Domain.Certifications.CertificationStatus.Verified)
                    .Select(c => new Domain.Certifications.Certification
                    {
                        ProducerId = c.ProducerId, Kind = c.Kind, Status = c.Status, ValidFrom = c.ValidFrom, ValidTo = c.ValidTo,
                    })
                    .ToList(),
            })
            .ToListAsync(cancellationToken);
        var stalls = await db.Stalls.AsNoTracking()
            .Where(s => s.VenueId == day.VenueId && !s.IsRetired)
            .Select(s => new { s.Id, s.Code })
            .ToListAsync(cancellationToken);
        Stalls = stalls
            .OrderBy(s => s.Code, StringComparer.Ordinal)
            .Select(s => new StallView(s.Code, holders.Any(h => h.StallId == s.Id),
                holders.FirstOrDefault(h => h.StallId == s.Id)?.DisplayName))
            .ToList();

        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        var categoryNames = (await FilterLists.ProductCategoriesAsync(cache, db, cancellationToken))
            .ToDictionary(c => c.Id, c => c.NameFor(culture));
        Producers = holders
            .DistinctBy(h => h.ProducerId)
            .OrderBy(h => h.DisplayName)
            .Select(h => new ProducerView(h.ProducerId, h.DisplayName,
                h.CategoryIds.Select(c => categoryNames[c]).ToList(),
                holders.Where(b => b.ProducerId == h.ProducerId).SelectMany(b => b.Items).OrderBy(i => i.Id)
                    .Select(i => ItemLine.From(i, categoryNames).Text()).ToList(),
                !h.Deleted,
                h.Certifications.Any(c => c.GivesOrganicBadgeOn(day.Date))))
            .ToList();
        StructuredData = BuildEvent(day);
        StallFeeFrom = await db.SeriesFees.AsNoTracking().Where(f => f.FairSeriesId == day.FairSeriesId)
            .MinAsync(f => (decimal?)f.Amount, cancellationToken);

        // The one personal part of this page: a signed-in producer's stall picker, with "apply" and the
        // application's status where the series needs approval. The public cache policy (its default part)
        // neither serves nor stores a response for a signed-in visitor, and the apply form's antiforgery
        // cookie would keep it from being stored anyway: producers get this page fresh, with their own
        // status, while anonymous visitors keep getting the cached page, which carries nothing personal —
        // only a link to the booking page (not cached), through sign-in, where the same picker is shown.
        if (User.IsInRole(Roles.Producer))
        {
            var producerId = await SignedInProducer.IdAsync(db, User, cancellationToken);
            Picker = await StallPicker.LoadAsync(db, day, producerId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }
        OffersBooking = Picker is null && User.Identity?.IsAuthenticated != true
            && day.Status == FairDayStatus.Scheduled && day.BookingClosesAtUtc > clock.GetUtcNow().UtcDateTime;
        return Page();
    }

    /// <summary>schema.org Event, so search engines and aggregators can list the fair.</summary>
    private string BuildEvent(FairDay day)
    {
        var clock = day.Venue!.Municipality!.Clock();
        string Local(DateTime utc) => new DateTimeOffset(clock.ToLocal(utc),
            clock.Zone.GetUtcOffset(utc)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Event",
            ["name"] = day.FairSeries!.Name,
            ["description"] = day.FairSeries.Description,
            ["startDate"] = Local(day.StartsAtUtc),
            ["endDate"] = Local(day.EndsAtUtc),
            ["eventStatus"] = day.Status == FairDayStatus.Scheduled
                ? (day.Sequence > 0 && day.Date != day.OccurrenceDate ? "https://schema.org/EventRescheduled" : "https://schema.org/EventScheduled")
                : "https://schema.org/EventCancelled",
            ["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode",
            ["isAccessibleForFree"] = true,
            ["location"] = new Dictionary<string, object?>
            {
                ["@type"] = "Place",
                ["name"] = day.Venue.Name,
                ["address"] = new Dictionary<string, object?>
                {
                    ["@type"] = "PostalAddress",
                    ["streetAddress"] = day.Venue.Address,
                    ["addressLocality"] = day.Venue.Municipality.Name,
                    ["addressRegion"] = day.Venue.Municipality.Region?.Name,
                },
                ["geo"] = new Dictionary<string, object?>
                {
                    ["@type"] = "GeoCoordinates",
                    ["latitude"] = day.Venue.Latitude,
                    ["longitude"] = day.Venue.Longitude,
                },
            },
            ["organizer"] = new Dictionary<string, object?>
            {
                ["@type"] = "GovernmentOrganization",
                ["name"] = day.FairSeries.OrganizerMunicipality?.Name,
            },
            ["url"] = $"{site.Base()}/Fairs/{day.Id}",
        };
        // The default encoder escapes '<' and '>', so the JSON cannot close its script element.
        return JsonSerializer.Serialize(data);
    }
}
