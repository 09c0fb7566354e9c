using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Fairs;

/// <summary>
/// "Add to my calendar": one fair day as an .ics download, with the UID and SEQUENCE of the
/// public feed, so a calendar that has both sees one event and later updates replace it.
/// </summary>
[OutputCache(PolicyName = Hosting.PublicCache.Policy)]
public class DayCalendarModel(MarketplaceDbContext db, SiteUrl site) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var day = db.FairDays.AsNoTracking().Where(d => d.Id == id);
        var name = await day.Select(d => d.FairSeries!.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return NotFound();
        }
        var ics = await FairCalendar.BuildAsync(day, site.Base(), name, cancellationToken);
        return File(System.Text.Encoding.UTF8.GetBytes(ics), FairCalendar.ContentType, $"feria-{id}.ics");
    }
}
