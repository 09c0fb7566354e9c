using Marketplace.Infrastructure.Data;
using Marketplace.Web.Pages.Fairs;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

/// <summary>Home: the next fair days and a search box.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Hosting.PublicCache.Policy)]
public class IndexModel(MarketplaceDbContext db, TimeProvider clock, FairDayCounts counts,
    Microsoft.Extensions.Caching.Memory.IMemoryCache cache) : PageModel
{
    public const int Shown = 12;

    public IReadOnlyList<FairDaySummary> Days { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Days = (await FairDayListing.UpcomingAsync(db, counts, cache, new FairDayFilter(), clock.GetUtcNow().UtcDateTime, Shown,
            cancellationToken)).Items;
}
