using System.Globalization;
using System.Linq.Expressions;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Caching;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Fairs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Marketplace.Web.Pages.Fairs;

/// <summary>One line of a list of fair days, in the fair's local date and hours.</summary>
public sealed record FairDaySummary(
    int Id, DateOnly Date, TimeOnly StartTime, TimeOnly EndTime, FairDayStatus Status,
    string SeriesName, string VenueName, string MunicipalityName, int ProducerCount)
{
    /// <summary>Product categories the producers booked on the day sell, in the visitor's language.</summary>
    public IReadOnlyList<string> Products { get; init; } = [];
    /// <summary>Some producer booked on the day holds a valid organic badge on that date.</summary>
    public bool Organic { get; init; }
}

/// <summary>
/// One page of a search: its days, how many match (<see cref="Total"/>; when
/// <see cref="TotalIsLowerBound"/>, "more than <see cref="FairDayListing.CountedUpTo"/>"),
/// and whether a next page has any.
/// </summary>
public sealed record FairDayPage(IReadOnlyList<FairDaySummary> Items, int Total, bool TotalIsLowerBound, bool HasNextPage);

/// <summary>The coming fair days, soonest first: the query behind the home page, /Fairs, the feed and the API.</summary>
public static class FairDayListing
{
    public const int PageSize = 20;
    /// <summary>Pages count matching days up to this many and say "more than" beyond.</summary>
    public const int CountedUpTo = 1000;

    /// <summary>
    /// Upcoming fair days matching the filter. "Upcoming" is decided by the instant the day
    /// ends, computed in the municipality's own time zone; skipped days are left out,
    /// cancelled ones stay (they say so).
    /// </summary>
    public static async Task<IQueryable<FairDay>> MatchingAsync(
        MarketplaceDbContext db, FairDayCounts counts, FairDayFilter filter, DateTime utcNow, CancellationToken cancellationToken)
    {
        var query = db.FairDays.AsNoTracking()
            .Where(d => d.EndsAtUtc >= utcNow && d.Status != FairDayStatus.Skipped);
        // A day's local date is within a day of its start in UTC (offsets stay within ±14 hours):
        // the bound on the start lets the database seek its index on StartsAtUtc to the first
        // possible day instead of walking every coming day before it.
        if (filter.From is { } from)
        {
            query = query.Where(d => d.Date >= from);
            if (from > DateOnly.MinValue)
            {
                var earliest = from.AddDays(-1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                query = query.Where(d => d.StartsAtUtc >= earliest);
            }
        }
        if (filter.To is { } to)
        {
            query = query.Where(d => d.Date <= to);
            if (to < DateOnly.MaxValue.AddDays(-2))
            {
                var latest = to.AddDays(2).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                query = query.Where(d => d.StartsAtUtc < latest);
            }
        }
        if (filter.Municipality is { } municipality)
        {
            query = query.Where(d => d.Venue!.MunicipalityId == municipality);
        }
        if (filter.Corridor is { } corridor)
        {
            query = query.Where(d => d.Venue!.Municipality!.CorridorId == corridor);
        }
        if (filter.Region is { } region)
        {
            query = query.Where(d => d.Venue!.Municipality!.RegionId == region);
        }
        if (filter.Weekdays.Count > 0)
        {
            // Weekday functions differ between providers; the coming dates are few, so they are picked here.
            var dates = await query.Select(d => d.Date).Distinct().ToListAsync(cancellationToken);
            var onDays = dates.Where(d => filter.Weekdays.Contains(d.DayOfWeek)).ToList();
            query = query.Where(d => onDays.Contains(d.Date));
        }
        if (filter.Times.Count > 0)
        {
            query = query.Where(StartsIn(filter.Times));
        }
        if (filter.NearPoint() is { } point)
        {
            // Venues are few; the distance is computed here rather than in provider-specific SQL.
            var km = filter.Km is > 0 ? filter.Km.Value : FairDayFilter.DefaultKm;
            var venues = await db.Venues.AsNoTracking()
                .Select(v => new { v.Id, v.Latitude, v.Longitude })
                .ToListAsync(cancellationToken);
            var near = venues.Where(v => Marketplace.Domain.Common.GreatCircle.DistanceKm(point.Lat, point.Lon, v.Latitude, v.Longitude) <= km)
                .Select(v => v.Id).ToList();
            query = query.Where(d => near.Contains(d.VenueId));
        }
        return await FairDayText.ApplyAsync(query, db, counts, filter, cancellationToken);
    }

    /// <summary>Local start time within any of the parts of the day (an OR of ranges).</summary>
    private static Expression<Func<FairDay, bool>> StartsIn(IReadOnlyList<DayPart> parts)
    {
        var day = Expression.Parameter(typeof(FairDay), "d");
        var start = Expression.Property(day, nameof(FairDay.StartTime));
        Expression? any = null;
        foreach (var part in parts)
        {
            var (from, until) = DayParts.Range(part);
            Expression test = Expression.GreaterThanOrEqual(start,
                Expression.Constant(from));
            if (until is { } end)
            {
                test = Expression.AndAlso(test,
                    Expression.LessThan(start, Expression.Constant(end)));
            }
            any = any is null ? test : Expression.OrElse(any, test);
        }
        return Expression.Lambda<Func<FairDay, bool>>(any!, day);
    }

    public static async Task<FairDayPage> UpcomingAsync(
        MarketplaceDbContext db, FairDayCounts counts, IMemoryCache cache, FairDayFilter filter, DateTime utcNow,
        int pageSize, CancellationToken cancellationToken, int countedUpTo = CountedUpTo)
    {
        var query = await MatchingAsync(db, counts, filter, utcNow, cancellationToken);
        var total = await counts.CountAsync(query, filter, countedUpTo, cancellationToken);
        var page = Math.Clamp(filter.Page, 1, FairDayFilter.MaxPage);
        var items = await query
            .OrderBy(d => d.StartsAtUtc).ThenBy(d => d.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize + 1)
            .Select(d => new FairDaySummary(
                d.Id, d.Date, d.StartTime, d.EndTime, d.Status,
                d.FairSeries!.Name, d.Venue!.Name, d.Venue.Municipality!.Name,
                db.Bookings.Count(b => b.FairDayId == d.Id
                    && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.CheckedIn))))
            .ToListAsync(cancellationToken);
        // One row more than the page shows: whether a next page exists, however far past the count.
        var hasNext = items.Count > pageSize;
        var shown = items.Take(pageSize).ToList();
        return new FairDayPage(await WithProductsAndBadgesAsync(db, cache, counts, shown, cancellationToken),
            Math.Min(total, countedUpTo), total > countedUpTo, hasNext);
    }

    /// <summary>What a line shows beside its day: the categories on offer (sorted) and the organic badge.</summary>
    private sealed record DayLine(IReadOnlyList<ProductCategory> Categories, bool Organic);

    /// <summary>
    /// Adds to each line the product categories its booked producers sell or said they will
    /// bring, and the organic badge (only verified, valid certifications count). A day's line is
    /// kept for the minute (dropped with the counts on a change saved here): the pages of many
    /// searches show the same days, so an uncached search mostly reads only its own query.
    /// </summary>
    private static async Task<IReadOnlyList<FairDaySummary>> WithProductsAndBadgesAsync(
        MarketplaceDbContext db, IMemoryCache cache, FairDayCounts counts, List<FairDaySummary> items,
        CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return items;
        }
        var lines = new Dictionary<int, DayLine>();
        var missing = new List<FairDaySummary>();
        foreach (var item in items)
        {
            if (counts.Cache.TryGetValue(LineKey(item.Id), out DayLine? line) && line is not null)
            {
                lines[item.Id] = line;
            }
            else
            {
                missing.Add(item);
            }
        }
        if (missing.Count > 0)
        {
            var change = counts.Changes.Token;
            foreach (var (id, line) in await LinesAsync(db, cache, missing, cancellationToken))
            {
                lines[id] = line;
                counts.Cache.Keep(LineKey(id), line, change);
            }
        }
        var culture = CultureInfo.CurrentUICulture.Name;
        return items.Select(item => item with
        {
            Products = lines[item.Id].Categories.Select(c => c.NameFor(culture)).ToList(),
            Organic = lines[item.Id].Organic,
        }).ToList();
    }

    private static string LineKey(int fairDayId) => string.Create(CultureInfo.InvariantCulture, $"fairs:line:{fairDayId}");

    private static async Task<Dictionary<int, DayLine>> LinesAsync(
        MarketplaceDbContext db, IMemoryCache cache, List<FairDaySummary> items, CancellationToken cancellationToken)
    {
        var offers = await FairDayOffer.OfDaysAsync(db, items.Select(i => i.Id).ToList(), cancellationToken);
        var producerIds = offers.Values.SelectMany(o => o.ProducerIds).Distinct().ToList();
        var certifications = await db.Certifications.AsNoTracking()
            .Where(c => producerIds.Contains(c.ProducerId) && c.Status == CertificationStatus.Verified)
            .Select(c => new Certification
            {
                ProducerId = c.ProducerId, Kind = c.Kind, Status = c.Status, ValidFrom = c.ValidFrom, ValidTo = c.ValidTo,
            })
            .ToListAsync(cancellationToken);
        var categories = await FilterLists.ProductCategoriesAsync(cache, db, cancellationToken);
        return items.ToDictionary(item => item.Id, item =>
        {
            var offer = offers.GetValueOrDefault(item.Id, FairDayOffer.None);
            var ids = offer.ProductCategoryIds;
            return new DayLine(categories.Where(c => ids.Contains(c.Id)).OrderBy(c => c.SortOrder).ToList(),
                certifications.Any(c => offer.ProducerIds.Contains(c.ProducerId) && c.GivesOrganicBadgeOn(item.Date)));
        });
    }
}
