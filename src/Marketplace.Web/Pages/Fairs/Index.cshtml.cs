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
    }

    public bool HasNextPage => Filter.Page * FairDayListing.PageSize < Total;

    public string PageLink(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["from"] = Filter.From?.ToString("yyyy-MM-dd"),
            ["to"] = Filter.To?.ToString("yyyy-MM-dd"),
            ["municipality"] = Filter.Municipality?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["corridor"] = Filter.Corridor?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["q"] = Filter.Q,
            ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return "/Fairs" + QueryString.Create(query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
