using Marketplace.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Fairs;

/// <summary>Search of the coming fair days; a GET form, so every search can be bookmarked.</summary>
public class IndexModel(MarketplaceDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public FairDayFilter Filter { get; set; } = new();

    public IReadOnlyList<FairDaySummary> Days { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyList<(int Id, string Name)> Municipalities { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Corridors { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Products { get; private set; } = [];
    /// <summary>The same search as a calendar subscription and as open data.</summary>
    public string CalendarLink => "/calendar.ics" + Filter.ToQueryString();
    public string ApiLink => "/api/fairs" + Filter.ToQueryString();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            // A malformed filter (say from=yesterday) is ignored with a field error, not a 500.
            Filter = new FairDayFilter { Q = Filter.Q };
        }
        Filter.Page = int.TryParse(Request.Query["page"], out var page) && page > 0 ? page : 1;
        (Days, Total) = await FairDayListing.UpcomingAsync(db, Filter, clock.GetUtcNow().UtcDateTime,
            FairDayListing.PageSize, cancellationToken);
        Municipalities = (await db.Municipalities.AsNoTracking().OrderBy(m => m.Name)
            .Select(m => new { m.Id, m.Name }).ToListAsync(cancellationToken))
            .Select(m => (m.Id, m.Name)).ToList();
        Corridors = (await db.Corridors.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
            .Select(c => (c.Id, c.Name)).ToList();
        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        Products = (await db.ProductCategories.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(cancellationToken))
            .Select(c => (c.Id, c.NameFor(culture))).ToList();
    }

    public bool HasNextPage => Filter.Page * FairDayListing.PageSize < Total;

    public string PageLink(int page) => "/Fairs" + Filter.ToQueryString(page);
}
