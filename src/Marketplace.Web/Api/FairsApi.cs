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
            .CacheOutput("public-feed");
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, MarketplaceDbContext db, TimeProvider clock,
        SiteUrl site, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var filter = new FairDayFilter
        {
            From = ParseDate(query["from"], "from", errors),
            To = ParseDate(query["to"], "to", errors),
            Municipality = ParseInt(query["municipality"], "municipality", errors),
            Corridor = ParseInt(query["corridor"], "corridor", errors),
            Product = ParseInt(query["product"], "product", errors),
            Organic = string.Equals(query["organic"], "true", StringComparison.OrdinalIgnoreCase),
            Near = string.IsNullOrWhiteSpace(query["near"]) ? null : query["near"].ToString(),
            Km = double.TryParse(query["km"], NumberStyles.Float, CultureInfo.InvariantCulture, out var km) ? km : null,
            Q = string.IsNullOrWhiteSpace(query["q"]) ? null : query["q"].ToString(),
            Page = ParseInt(query["page"], "page", errors) is > 0 and var p ? p : 1,
        };
        if (filter.Near is not null && filter.NearPoint() is null)
        {
            errors["near"] = ["near must be \"latitude,longitude\" in decimal degrees."];
        }
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }
        var pageSize = ParseInt(query["pageSize"], "pageSize", errors) is > 0 and var s ? Math.Min(s, MaxPageSize) : 50;

        var days = await FairDayListing.MatchingAsync(db, filter, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var total = await days.CountAsync(cancellationToken);
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

    private static DateOnly? ParseDate(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors[name] = [$"{name} must be an ISO date (yyyy-MM-dd)."];
        return null;
    }

    private static int? ParseInt(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }
        errors[name] = [$"{name} must be a whole number."];
        return null;
    }
}
