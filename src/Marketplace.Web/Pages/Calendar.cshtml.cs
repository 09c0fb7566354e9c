using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Marketplace.Web.Pages.Fairs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Marketplace.Web.Pages;

/// <summary>/calendar.ics: the coming fair days as iCalendar, with the same filters as /Fairs.</summary>
[OutputCache(PolicyName = Hosting.PublicCache.Policy)]
public class CalendarModel(MarketplaceDbContext db, TimeProvider clock, SiteUrl site, FairDayCounts counts) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var filter = FairDayFilter.Parse(Request.Query, out var problems);
        if (problems.Count > 0)
        {
            // A calendar app shows no page; refusing beats silently subscribing to another search.
            return BadRequest(string.Join("\n", problems.Select(p => p.Reason)));
        }
        var days = await FairDayListing.MatchingAsync(db, counts, filter, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var ics = await FairCalendar.BuildAsync(days, site.Base(), "Marketplace", cancellationToken);
        return Content(ics, FairCalendar.ContentType);
    }
}
