using System.Globalization;
using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Marketplace.Web.Pages.Fairs;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Api;

/// <summary>
/// /api/fairs: open data of the coming fair days, with the filters of /Fairs.
/// <c>?format=geojson</c> answers a GeoJSON FeatureCollection for maps.
/// </summary>
public static class FairsApi
{
    public const int MaxPageSize = 100;

    public sealed record FairDayItem(
        int Id, string Url, string Date, string StartTime, string EndTime, string StartsAtUtc, string EndsAtUtc,
        string TimeZone, string Status, string? StatusReason, int Sequence, string Series, int SeriesId,
        FairVenue Venue, int Producers);

    public sealed record FairVenue(int Id, string Name, string? Address, string Municipality, int MunicipalityId,
        double Latitude, double Longitude);

    public static IEndpointRouteBuilder MapFairsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/fairs", HandleAsync)
            .RequireRateLimiting(Hosting.Policies.ApiRateLimit)
            .CacheOutput(Hosting.PublicCache.Policy);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, MarketplaceDbContext db, TimeProvider clock,
        SiteUrl site, FairDayCounts counts, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var filter = FairDayFilter.Parse(query, out var problems);
        var errors = problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Reason).Distinct().ToArray());
        var pageSize = 50;
        if (query["pageSize"].LastOrDefault() is { Length: > 0 } size)
        {
            if (int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                pageSize = Math.Min(n, MaxPageSize);
            }
            else
            {
                errors["pageSize"] = [$"pageSize must be a whole number from 1 to {MaxPageSize}."];
            }
        }
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var days = await FairDayListing.MatchingAsync(db, counts, filter, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var total = await counts.CountAsync(days, filter, cancellationToken);
        var baseUrl = site.Base();
        var rows = await days
            .OrderBy(d => d.StartsAtUtc).ThenBy(d => d.Id)
            .Skip((filter.Page - 1) * pageSize)
            .Take(pageSize)
            .Select(d => new
            {
                d.Id, d.Date, d.StartTime, d.EndTime, d.StartsAtUtc, d.EndsAtUtc, d.Status, d.StatusReason, d.Sequence,
                Series = d.FairSeries!.Name, d.FairSeriesId,
                VenueId = d.VenueId, Venue = d.Venue!.Name, d.Venue.Address, d.Venue.Latitude, d.Venue.Longitude,
                Municipality = d.Venue.Municipality!.Name, d.Venue.MunicipalityId, d.Venue.Municipality.TimeZoneId,
                Producers = db.Bookings.Count(b => b.FairDayId == d.Id
                    && (b.Status == Domain.Bookings.BookingStatus.Confirmed || b.Status == Domain.Bookings.BookingStatus.CheckedIn)),
            })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new FairDayItem(
            r.Id, $"{baseUrl}/Fairs/{r.Id}",
            r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            r.StartTime.ToString("HH:mm", CultureInfo.InvariantCulture),
            r.EndTime.ToString("HH:mm", CultureInfo.InvariantCulture),
            r.StartsAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            r.EndsAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            r.TimeZoneId, r.Status.ToString(), r.Status == FairDayStatus.Cancelled ? r.StatusReason : null, r.Sequence,
            r.Series, r.FairSeriesId,
            new FairVenue(r.VenueId, r.Venue, r.Address, r.Municipality, r.MunicipalityId, r.Latitude, r.Longitude),
            r.Producers)).ToList();

        if (string.Equals(query["format"], "geojson", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Json(new
            {
                type = "FeatureCollection",
                features = items.Select(i => new
                {
                    type = "Feature",
                    geometry = new { type = "Point", coordinates = new[] { i.Venue.Longitude, i.Venue.Latitude } },
                    properties = i,
                }),
            }, contentType: "application/geo+json");
        }
        return Results.Json(new { items, page = filter.Page, pageSize, total });
    }
}
