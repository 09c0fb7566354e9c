using Marketplace.Domain.Bookings;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Data;
using Marketplace.Web.Pages.Fairs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Producers;

/// <summary>A producer's public profile: only the fields it marked public, its badges, its coming fair days.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Hosting.PublicCache.Policy)]
public class DetailsModel(MarketplaceDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Badge(CertificationKind Kind, string? By, DateOnly ValidTo);

    public Domain.Producers.Producer Profile { get; private set; } = null!;
    public string MunicipalityName { get; private set; } = "";
    public IReadOnlyList<string> Products { get; private set; } = [];
    public IReadOnlyList<Badge> Badges { get; private set; } = [];
    public IReadOnlyList<FairDaySummary> Days { get; private set; } = [];
    public bool IsOrganic => Badges.Any(b => b.Kind != CertificationKind.InTransition);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var producer = await db.Producers.AsNoTracking()
            .Include(p => p.Municipality)
            .SingleOrDefaultAsync(p => p.Id == id && p.DeletedAtUtc == null, cancellationToken);
        if (producer is null)
        {
            return NotFound();
        }
        Profile = producer;
        MunicipalityName = producer.Municipality!.Name;
        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        Products = (await db.ProducerProducts.AsNoTracking()
                .Where(pp => pp.ProducerId == id)
                .Select(pp => pp.ProductCategory!)
                .OrderBy(c => c.SortOrder)
                .ToListAsync(cancellationToken))
            .Select(c => c.NameFor(culture)).ToList();

        var now = clock.GetUtcNow().UtcDateTime;
        var today = producer.Municipality.Clock().TodayAt(now);
        Badges = await db.Certifications.AsNoTracking()
            .Where(c => c.ProducerId == id && c.Status == CertificationStatus.Verified
                && c.ValidFrom <= today && c.ValidTo >= today)
            .Select(c => new Badge(c.Kind, c.Certifier ?? c.GroupName, c.ValidTo))
            .ToListAsync(cancellationToken);

        var holding = Booking.HoldingStatuses.ToList();
        Days = await db.FairDays.AsNoTracking()
            .Where(d => d.EndsAtUtc >= now && d.Status == FairDayStatus.Scheduled
                && db.Bookings.Any(b => b.FairDayId == d.Id && b.ProducerId == id && holding.Contains(b.Status)))
            .OrderBy(d => d.StartsAtUtc)
            .Take(20)
            .Select(d => new FairDaySummary(d.Id, d.Date, d.StartTime, d.EndTime, d.Status,
                d.FairSeries!.Name, d.Venue!.Name, d.Venue.Municipality!.Name,
                db.Bookings.Count(b => b.FairDayId == d.Id
                    && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.CheckedIn))))
            .ToListAsync(cancellationToken);
        return Page();
    }
}
