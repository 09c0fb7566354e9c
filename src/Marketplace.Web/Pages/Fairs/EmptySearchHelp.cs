using System.Globalization;
using Marketplace.Domain.Common;
using Marketplace.Domain.Search;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Marketplace.Web.Pages.Fairs;

/// <summary>How a search was changed to find days; the page words each one (resource key "EmptySearch.{kind}").</summary>
public enum SuggestionKind
{
    WithoutDates,
    Nearby,
    WithoutMunicipality,
    WithoutCorridor,
    WithoutRegion,
    WithoutNear,
    ProductInCorridor,
    WithoutOrganic,
    WithoutProduct,
    WithoutText,
    WithoutWeekday,
    WithoutTime,
    Town,
}

/// <summary>
/// A changed search that finds <see cref="Count"/> days (more than <see cref="FairDayListing.CountedUpTo"/>
/// when above it), as a plain link; <see cref="First"/> and <see cref="Second"/> fill the wording (a place,
/// a product, a distance).
/// </summary>
public sealed record SearchSuggestion(SuggestionKind Kind, string Link, int Count, string? First = null, string? Second = null);

/// <summary>
/// What the /Fairs page offers around a search: when nothing is found, which single filter emptied it
/// and the nearest searches that find days; when the text typed is a town's name, that town's days.
/// </summary>
public static class EmptySearchHelp
{
    /// <summary>Count queries an empty search may cost; its page is rare, but it must stay quick.</summary>
    public const int MaxCounts = 5;
    /// <summary>Municipalities of the region counted as "nearby" around the one searched.</summary>
    private const int Neighbours = 3;

    /// <summary>
    /// For a search that found nothing: the changed searches that find days, nearest first — each active
    /// filter dropped in turn (a municipality widened to its neighbours, a product kept in its corridor).
    /// </summary>
    public static async Task<IReadOnlyList<SearchSuggestion>> ForAsync(MarketplaceDbContext db, FairDayCounts counts,
        IMemoryCache cache, FairDayFilter filter, DateTime utcNow, CancellationToken cancellationToken)
    {
        var candidates = await CandidatesAsync(db, cache, filter, cancellationToken);
        var found = new List<SearchSuggestion>();
        var asked = new HashSet<string> { filter.ToQueryString() };
        foreach (var (kind, changed, first, second) in candidates)
        {
            if (asked.Count > MaxCounts)
            {
                break;
            }
            if (!asked.Add(changed.ToQueryString()))
            {
                continue;
            }
            var count = await CountAsync(db, counts, changed, utcNow, cancellationToken);
            if (count > 0)
            {
                found.Add(new SearchSuggestion(kind, "/Fairs" + changed.ToQueryString(), count, first, second));
            }
        }
        return found;
    }

    /// <summary>
    /// When the typed text is a municipality's name (forgiving case and accents, and either part of
    /// "Lircay (Angaraes)"), the same search limited to that municipality instead of the text.
    /// </summary>
    public static async Task<SearchSuggestion?> TownAsync(MarketplaceDbContext db, FairDayCounts counts,
        IMemoryCache cache, FairDayFilter filter, DateTime utcNow, CancellationToken cancellationToken)
    {
        if (filter.Municipality is not null || string.IsNullOrWhiteSpace(filter.Q))
        {
            return null;
        }
        var typed = SearchText.Normalize(filter.Q);
        var municipalities = await FilterLists.MunicipalitiesAsync(cache, db, cancellationToken);
        var (id, name) = municipalities.FirstOrDefault(m => NameParts(m.Name).Any(part => SearchText.Normalize(part) == typed));
        if (name is null)
        {
            return null;
        }
        var changed = Copy(filter, f =>
        {
            f.Q = null;
            f.Municipality = id;
        });
        var count = await CountAsync(db, counts, changed, utcNow, cancellationToken);
        return count > 0 ? new SearchSuggestion(SuggestionKind.Town, "/Fairs" + changed.ToQueryString(), count, name) : null;
    }

    private static async Task<List<(SuggestionKind Kind, FairDayFilter Changed, string? First, string? Second)>> CandidatesAsync(
        MarketplaceDbContext db, IMemoryCache cache, FairDayFilter filter, CancellationToken cancellationToken)
    {
        var list = new List<(SuggestionKind, FairDayFilter, string?, string?)>();
        if (filter.From is not null || filter.To is not null)
        {
            list.Add((SuggestionKind.WithoutDates, Copy(filter, f => (f.From, f.To) = (null, null)), null, null));
        }
        var places = filter.Municipality is not null || filter.Product is not null
            ? await db.Municipalities.AsNoTracking()
                .Select(m => new Place(m.Id, m.Name, m.RegionId, m.CorridorId, m.Latitude, m.Longitude))
                .ToListAsync(cancellationToken)
            : [];
        var searched = places.FirstOrDefault(p => p.Id == filter.Municipality);
        if (searched is not null && Nearby(searched, places) is { } km)
        {
            list.Add((SuggestionKind.Nearby, Copy(filter, f =>
            {
                f.Municipality = null;
                f.Near = string.Create(CultureInfo.InvariantCulture, $"{searched.Latitude:0.####},{searched.Longitude:0.####}");
                f.Km = km;
            }), searched.Name, km.ToString(CultureInfo.CurrentCulture)));
        }
        else if (filter.Municipality is not null)
        {
            list.Add((SuggestionKind.WithoutMunicipality, Copy(filter, f => f.Municipality = null), null, null));
        }
        if (filter.Corridor is not null)
        {
            list.Add((SuggestionKind.WithoutCorridor, Copy(filter, f => f.Corridor = null), null, null));
        }
        if (filter.Region is not null)
        {
            list.Add((SuggestionKind.WithoutRegion, Copy(filter, f => f.Region = null), null, null));
        }
        if (filter.Near is not null)
        {
            list.Add((SuggestionKind.WithoutNear, Copy(filter, f => (f.Near, f.Km) = (null, null)), null, null));
        }
        if (filter.Product is { } product && (filter.Corridor ?? searched?.CorridorId) is { } corridor)
        {
            var culture = CultureInfo.CurrentUICulture.Name;
            var productName = (await FilterLists.ProductCategoriesAsync(cache, db, cancellationToken))
                .FirstOrDefault(c => c.Id == product)?.NameFor(culture);
            var corridorName = (await FilterLists.CorridorsAsync(cache, db, cancellationToken))
                .FirstOrDefault(c => c.Id == corridor).Name;
            if (productName is not null && corridorName is not null)
            {
                list.Add((SuggestionKind.ProductInCorridor, new FairDayFilter { Product = product, Corridor = corridor },
                    productName, corridorName));
            }
        }
        if (filter.Organic)
        {
            list.Add((SuggestionKind.WithoutOrganic, Copy(filter, f => f.Organic = false), null, null));
        }
        if (filter.Product is not null)
        {
            list.Add((SuggestionKind.WithoutProduct, Copy(filter, f => f.Product = null), null, null));
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            list.Add((SuggestionKind.WithoutText, Copy(filter, f => f.Q = null), filter.Q, null));
        }
        if (filter.Weekdays.Count > 0)
        {
            list.Add((SuggestionKind.WithoutWeekday, Copy(filter, f => f.Weekdays = []), null, null));
        }
        if (filter.Times.Count > 0)
        {
            list.Add((SuggestionKind.WithoutTime, Copy(filter, f => f.Times = []), null, null));
        }
        return list;
    }

    private sealed record Place(int Id, string Name, int RegionId, int? CorridorId, double Latitude, double Longitude);

    /// <summary>
    /// The distance (whole 5 km) from the municipality's centre that takes in its nearest neighbours of the
    /// same region, with room for their venues around their centres; null when it has none within reach.
    /// </summary>
    private static double? Nearby(Place searched, List<Place> places)
    {
        var distances = places.Where(p => p.RegionId == searched.RegionId && p.Id != searched.Id)
            .Select(p => GreatCircle.DistanceKm(searched.Latitude, searched.Longitude, p.Latitude, p.Longitude))
            .Order().Take(Neighbours).ToList();
        if (distances.Count == 0)
        {
            return null;
        }
        var km = Math.Ceiling((distances[^1] + 5) / 5) * 5;
        return km <= FairDayFilter.MaxKm ? km : null;
    }

    private static async Task<int> CountAsync(MarketplaceDbContext db, FairDayCounts counts, FairDayFilter filter,
        DateTime utcNow, CancellationToken cancellationToken) =>
        await counts.CountAsync(await FairDayListing.MatchingAsync(db, counts, filter, utcNow, cancellationToken), filter,
            FairDayListing.CountedUpTo, cancellationToken);

    /// <summary>The search with one change, from its first page.</summary>
    private static FairDayFilter Copy(FairDayFilter filter, Action<FairDayFilter> change)
    {
        var copy = new FairDayFilter
        {
            From = filter.From, To = filter.To, Municipality = filter.Municipality, Corridor = filter.Corridor,
            Region = filter.Region, Product = filter.Product, Organic = filter.Organic, Near = filter.Near, Km = filter.Km, Q = filter.Q,
            Weekdays = filter.Weekdays, Times = filter.Times,
        };
        change(copy);
        return copy;
    }

    /// <summary>"Lircay (Angaraes)" is typed as either name, or as both.</summary>
    private static IEnumerable<string> NameParts(string name)
    {
        yield return name;
        var open = name.IndexOf('(');
        if (open > 0 && name.EndsWith(')'))
        {
            yield return name[..open];
            yield return name[(open + 1)..^1];
        }
    }
}
