using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Marketplace.Web.Pages.Fairs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Marketplace.Web.Pages;

/// <summary>/calendar.ics: the coming fair days as iCalendar, with the same filters as /Fairs.</summary>
[OutputCache(PolicyName = "public-feed")]
public class CalendarModel(MarketplaceDbContext db, TimeProvider clock, SiteUrl site) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public FairDayFilter Filter { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest(ModelState);
        }
        var days = await FairDayListing.MatchingAsync(db, Filter, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var ics = await FairCalendar.BuildAsync(days, site.Base(), "Marketplace", cancellationToken);
        return Content(ics, FairCalendar.ContentType);
    }
}
