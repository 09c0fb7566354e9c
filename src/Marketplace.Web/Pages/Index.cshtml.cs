using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Regions;
using Marketplace.Web.Pages.Fairs;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;

namespace Marketplace.Web.Pages;

/// <summary>
/// Home: the next fair days and a search box. The page wears a region's brand (<c>Brand:DefaultRegion</c>,
/// else the first region) and leads with that region's days, then a few days of each other region under
/// its name; only a database without regions lists the days without one.
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Hosting.PublicCache.Policy)]
public class IndexModel(MarketplaceDbContext db, TimeProvider clock, FairDayCounts counts, IMemoryCache cache,
    RegionBrands brands) : PageModel
{
    public const int Shown = 12;
    /// <summary>Days shown of each other region: a taste, its own search has the rest.</summary>
    public const int OtherRegionShown = 3;
    /// <summary>Other regions shown at most (by name); /Fairs' region filter reaches every one.</summary>
    public const int OtherRegionsShown = 4;

    /// <summary>A region's next days, with its name for the heading and its id for the link to its search.</summary>
    public sealed record RegionDays(int Id, string Name, IReadOnlyList<FairDaySummary> Days);

    /// <summary>The days the page leads with: its region's.</summary>
    public IReadOnlyList<FairDaySummary> Days { get; private set; } = [];

    /// <summary>The region whose brand the page wears and whose days it leads with; null only without regions.</summary>
    public RegionDays? Region { get; private set; }

    /// <summary>Other regions with coming days, after the configured one's.</summary>
    public IReadOnlyList<RegionDays> OtherRegions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var region = await brands.DefaultAsync(cancellationToken);
        Days = await UpcomingAsync(new FairDayFilter { Region = region?.Id }, Shown, cancellationToken);
        if (region is null)
        {
            return;
        }
        Region = new RegionDays(region.Id, region.Name, Days);
        var others = new List<RegionDays>();
        foreach (var (id, name) in (await FilterLists.RegionsAsync(cache, db, cancellationToken)).Where(r => r.Id != region.Id))
        {
            var days = await UpcomingAsync(new FairDayFilter { Region = id }, OtherRegionShown, cancellationToken);
            if (days.Count > 0)
            {
                others.Add(new RegionDays(id, name, days));
            }
            if (others.Count == OtherRegionsShown)
            {
                break;
            }
        }
        OtherRegions = others;
    }

    private async Task<IReadOnlyList<FairDaySummary>> UpcomingAsync(FairDayFilter filter, int count,
        CancellationToken cancellationToken) =>
        (await FairDayListing.UpcomingAsync(db, counts, cache, filter, clock.GetUtcNow().UtcDateTime, count,
            cancellationToken)).Items;
}
