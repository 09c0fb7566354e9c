using System.Globalization;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Fairs;

/// <summary>One line of a list of fair days, in the fair's local date and hours.</summary>
public sealed record FairDaySummary(
    int Id, DateOnly Date, TimeOnly StartTime, TimeOnly EndTime, FairDayStatus Status,
    string SeriesName, string VenueName, string MunicipalityName, int ProducerCount);

/// <summary>
/// Filters of a fair-day search, shared by /Fairs, /calendar.ics and /api/fairs; every one of
/// them travels in the query string, so a search can be bookmarked or subscribed to.
/// </summary>
public sealed class FairDayFilter
{
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public int? Municipality { get; set; }
    public int? Corridor { get; set; }
    /// <summary>A product category id: some producer booked on the day sells it.</summary>
    public int? Product { get; set; }
    /// <summary>At least one producer with a valid organic badge is booked.</summary>
    public bool Organic { get; set; }
    /// <summary>A point "lat,lon"; with <see cref="Km"/> limits the distance of the venue.</summary>
    public string? Near { get; set; }
    public double? Km { get; set; }
    public string? Q { get; set; }

    /// <summary>
    /// Read from the query string by the page itself: Razor Pages keeps a route value named
    /// "page", which would shadow a bound <c>page</c> parameter.
    /// </summary>
    [BindNever]
    public int Page { get; set; } = 1;

    public const double DefaultKm = 25;

    /// <summary>The point of <see cref="Near"/>, or null when absent or malformed.</summary>
    public (double Lat, double Lon)? NearPoint()
    {
        var parts = Near?.Split(',', StringSplitOptions.TrimEntries);
        if (parts is not { Length: 2 }
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            || lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            return null;
        }
        return (lat, lon);
    }

    /// <summary>The query string of this filter (page excluded), for links, feeds and the API.</summary>
    public Dictionary<string, string?> ToQuery() => new()
    {
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["municipality"] = Municipality?.ToString(CultureInfo.InvariantCulture),
        ["corridor"] = Corridor?.ToString(CultureInfo.InvariantCulture),
        ["product"] = Product?.ToString(CultureInfo.InvariantCulture),
        ["organic"] = Organic ? "true" : null,
        ["near"] = Near,
        ["km"] = Km?.ToString(CultureInfo.InvariantCulture),
        ["q"] = Q,
    };

    public string ToQueryString(int? page = null)
    {
        var query = ToQuery();
        if (page is { } p)
        {
            query["page"] = p.ToString(CultureInfo.InvariantCulture);
        }
        return Microsoft.AspNetCore.Http.QueryString.Create(query.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToString();
    }
}

/// <summary>The coming fair days, soonest first: the query behind the home page, /Fairs, the feed and the API.</summary>
public static class FairDayListing
{
    public const int PageSize = 20;

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
        if (filter.NearPoint() is { } point)
        {
            // Venues are few; the distance is computed here rather than in provider-specific SQL.
            var km = filter.Km is > 0 ? filter.Km.Value : FairDayFilter.DefaultKm;
            var venues = await db.Venues.AsNoTracking()
                .Select(v => new { v.Id, v.Latitude, v.Longitude })
                .ToListAsync(cancellationToken);
            var near = venues.Where(v => Geo.DistanceKm(point.Lat, point.Lon, v.Latitude, v.Longitude) <= km)
                .Select(v => v.Id).ToList();
            query = query.Where(d => near.Contains(d.VenueId));
        }
        var holding = Booking.HoldingStatuses.ToList();
        if (filter.Product is { } product)
        {
            query = query.Where(d => db.Bookings.Any(b => b.FairDayId == d.Id && holding.Contains(b.Status)
                && (db.ProducerProducts.Any(pp => pp.ProducerId == b.ProducerId && pp.ProductCategoryId == product)
                    || b.Items.Any(i => i.ProductCategoryId == product))));
        }
        if (filter.Organic)
        {
            query = query.Where(d => db.Bookings.Any(b => b.FairDayId == d.Id && holding.Contains(b.Status)
                && db.Certifications.Any(c => c.ProducerId == b.ProducerId
                    && c.Status == CertificationStatus.Verified && c.Kind != CertificationKind.InTransition
                    && c.ValidFrom <= d.Date && c.ValidTo >= d.Date)));
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var text = filter.Q.Trim();
            query = query.Where(d => d.FairSeries!.Name.Contains(text) || d.Venue!.Name.Contains(text)
                || d.Venue.Municipality!.Name.Contains(text)
                || db.Bookings.Any(b => b.FairDayId == d.Id && holding.Contains(b.Status)
                    && (b.Producer!.DisplayName.Contains(text)
                        || db.ProducerProducts.Any(pp => pp.ProducerId == b.ProducerId
                            && (pp.ProductCategory!.NameEs.Contains(text) || pp.ProductCategory.NamePtBr.Contains(text)
                                || pp.ProductCategory.NameEn.Contains(text))))));
        }
        return query;
    }

    public static async Task<(IReadOnlyList<FairDaySummary> Items, int Total)> UpcomingAsync(
        MarketplaceDbContext db, FairDayFilter filter, DateTime utcNow, int pageSize, CancellationToken cancellationToken)
    {
        var query = await MatchingAsync(db, filter, utcNow, cancellationToken);
        var total = await query.CountAsync(cancellationToken);
        var page = Math.Max(1, filter.Page);
        var items = await query
            .OrderBy(d => d.StartsAtUtc).ThenBy(d => d.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(d => new FairDaySummary(
                d.Id, d.Date, d.StartTime, d.EndTime, d.Status,
                d.FairSeries!.Name, d.Venue!.Name, d.Venue.Municipality!.Name,
                db.Bookings.Count(b => b.FairDayId == d.Id
                    && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.CheckedIn))))
            .ToListAsync(cancellationToken);
        return (items, total);
    }
}

/// <summary>Great-circle distance on a spherical Earth; plenty for "fairs within 25 km".</summary>
public static class Geo
{
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double radius = 6371.0;
        double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * radius * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
