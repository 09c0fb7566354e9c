using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Fairs;

/// <summary>
/// A fair day's A4 poster for notice boards: the region's brand, date, hours, place, and a QR
/// code to the fair day's page (an absolute address under <c>Site:BaseUrl</c>).
/// </summary>
public class PosterModel(MarketplaceDbContext db, SiteUrl site) : PageModel
{
    public FairDay Day { get; private set; } = null!;
    public string DayUrl { get; private set; } = "";
    public string QrSvg { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var day = await db.FairDays.AsNoTracking()
            .Include(d => d.FairSeries)
            .Include(d => d.Venue).ThenInclude(v => v!.Municipality)
            .SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (day is null)
        {
            return NotFound();
        }
        Day = day;
        DayUrl = $"{site.Base()}/Fairs/{day.Id}";
        QrSvg = PosterQr.Svg(DayUrl);
        return Page();
    }
}
