using System.Globalization;
using System.Linq.Expressions;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Fairs;
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
        MarketplaceDbContext db, FairDayFilter filter, DateTime utcNow, CancellationToken cancellationToken)
    {
        var query = db.FairDays.AsNoTracking()
            .Where(d => d.EndsAtUtc >= utcNow && d.Status != FairDayStatus.Skipped);
        if (filter.From is { } from)
        {
            query = query.Where(d => d.Date >= from);
        }
        if (filter.To is { } to)
        {
            query = query.Where(d => d.Date <= to);
        }
        if (filter.Municipality is { } municipality)
        {
            query = query.Where(d => d.Venue!.MunicipalityId == municipality);
        }
        if (filter.Corridor is { } corridor)
        {
            query = query.Where(d => d.Venue!.Municipality!.CorridorId == corridor);
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
        return await FairDayText.ApplyAsync(query, db, filter, cancellationToken);
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
        var query = await MatchingAsync(db, filter, utcNow, cancellationToken);
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
        return new FairDayPage(await WithProductsAndBadgesAsync(db, cache, shown, cancellationToken),
            Math.Min(total, countedUpTo), total > countedUpTo, hasNext);
    }

    /// <summary>
    /// Adds to each line the product categories its booked producers sell or said they will
    /// bring, and the organic badge (only verified, valid certifications count).
    /// </summary>
    private static async Task<IReadOnlyList<FairDaySummary>> WithProductsAndBadgesAsync(
        MarketplaceDbContext db, IMemoryCache cache, List<FairDaySummary> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return items;
        }
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
        var culture = CultureInfo.CurrentUICulture.Name;

        return items.Select(item =>
        {
            var offer = offers.GetValueOrDefault(item.Id, FairDayOffer.None);
            var ids = offer.ProductCategoryIds;
            return item with
            {
                Products = categories.Where(c => ids.Contains(c.Id)).OrderBy(c => c.SortOrder)
                    .Select(c => c.NameFor(culture)).ToList(),
                Organic = certifications.Any(c => offer.ProducerIds.Contains(c.ProducerId) && c.GivesOrganicBadgeOn(item.Date)),
            };
        }).ToList();
    }
}
