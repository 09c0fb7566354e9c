using Marketplace.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;

namespace Marketplace.Web.Pages.Fairs;

/// <summary>Search of the coming fair days; a GET form, so every search can be bookmarked.</summary>
[OutputCache(PolicyName = Hosting.PublicCache.Policy)]
public class IndexModel(MarketplaceDbContext db, TimeProvider clock, IMemoryCache cache, FairDayCounts counts) : PageModel
{
    public FairDayFilter Filter { get; private set; } = new();
    /// <summary>Query values that could not be read; the page says each was ignored.</summary>
    public IReadOnlyList<FilterProblem> Ignored { get; private set; } = [];

    /// <summary>This page of the matching days, how many match and whether more pages follow.</summary>
    public FairDayPage Found { get; private set; } = new([], 0, TotalIsLowerBound: false, HasNextPage: false);
    /// <summary>When nothing is found: the nearest searches that find days, each saying which filter it drops.</summary>
    public IReadOnlyList<SearchSuggestion> Suggestions { get; private set; } = [];
    /// <summary>The typed text is a town's name: the same search in that town.</summary>
    public SearchSuggestion? Town { get; private set; }
    public IReadOnlyList<(int Id, string Name)> Municipalities { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Corridors { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Regions { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Products { get; private set; } = [];
    /// <summary>The same search as a calendar subscription, as open data and as map markers.</summary>
    public string CalendarLink => "/calendar.ics" + Filter.ToQueryString();
    public string ApiLink => "/api/fairs" + Filter.ToQueryString();
    /// <summary>The markers of this page of results: the same query as GeoJSON.</summary>
    public string MapLink => "/api/fairs" + Microsoft.AspNetCore.Http.QueryString.Create(Filter.ToQuery()
        .Where(kv => !string.IsNullOrEmpty(kv.Value))
        .Append(new("page", Filter.Page.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        .Append(new("pageSize", FairDayListing.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        .Append(new("format", "geojson")));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Filter = FairDayFilter.Parse(Request.Query, out var ignored);
        Ignored = ignored;
        var utcNow = clock.GetUtcNow().UtcDateTime;
        Found = await FairDayListing.UpcomingAsync(db, counts, cache, Filter, utcNow, FairDayListing.PageSize, cancellationToken);
        Town = await EmptySearchHelp.TownAsync(db, counts, cache, Filter, utcNow, cancellationToken);
        if (Found.Total == 0)
        {
            Suggestions = await EmptySearchHelp.ForAsync(db, counts, cache, Filter, utcNow, cancellationToken);
        }
        Municipalities = await FilterLists.MunicipalitiesAsync(cache, db, cancellationToken);
        Corridors = await FilterLists.CorridorsAsync(cache, db, cancellationToken);
        Regions = await FilterLists.RegionsAsync(cache, db, cancellationToken);
        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        Products = (await FilterLists.ProductCategoriesAsync(cache, db, cancellationToken))
            .Select(c => (c.Id, c.NameFor(culture))).ToList();
    }

    /// <summary>
    /// How many filters beyond the text are set: they stay folded (so on a phone the results and the
    /// ways out of an empty search are on the first screens), and the fold says how many are in use.
    /// </summary>
    public int FiltersInUse => new[]
    {
        Filter.From is not null, Filter.To is not null, Filter.Municipality is not null, Filter.Corridor is not null,
        Filter.Region is not null, Filter.Product is not null, Filter.Organic, Filter.Near is not null, Filter.Km is not null,
        Filter.Weekdays.Count > 0, Filter.Times.Count > 0,
    }.Count(set => set);

    public string PageLink(int page) => "/Fairs" + Filter.ToQueryString(page);
}
