using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Fairs;

/// <summary>
/// A series' A4 poster: its coming fair days (date, hours, place) and a QR code to the next
/// one's page, where the following days are a click away.
/// </summary>
public class SeriesPosterModel(MarketplaceDbContext db, SiteUrl site, TimeProvider clock) : PageModel
{
    /// <summary>As many days as fit on one A4 sheet in a readable size.</summary>
    public const int Shown = 8;

    public sealed record DayLine(int Id, DateOnly Date, TimeOnly Start, TimeOnly End, string Venue, string Municipality,
        FairDayStatus Status);

    public FairSeries Series { get; private set; } = null!;
    public IReadOnlyList<DayLine> Days { get; private set; } = [];
    public string? DayUrl { get; private set; }
    public string? QrSvg { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.FairSeries.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } series)
        {
            return NotFound();
        }
        Series = series;
        var now = clock.GetUtcNow().UtcDateTime;
        Days = await db.FairDays.AsNoTracking()
            .Where(d => d.FairSeriesId == id && d.EndsAtUtc >= now && d.Status != FairDayStatus.Skipped)
            .OrderBy(d => d.StartsAtUtc)
            .Take(Shown)
            .Select(d => new DayLine(d.Id, d.Date, d.StartTime, d.EndTime, d.Venue!.Name, d.Venue.Municipality!.Name, d.Status))
            .ToListAsync(cancellationToken);
        if (Days.FirstOrDefault(d => d.Status == FairDayStatus.Scheduled) is { } next)
        {
            DayUrl = $"{site.Base()}/Fairs/{next.Id}";
            QrSvg = PosterQr.Svg(DayUrl);
        }
        return Page();
    }
}
