using System.Globalization;
using Marketplace.Domain.Fairs;
using Microsoft.AspNetCore.Http;

namespace Marketplace.Web.Pages.Fairs;

/// <summary>
/// A query value that could not be read and was left out of the search: the field, what was
/// sent (shortened), and why in English (the API's answer; pages say it in the visitor's language).
/// </summary>
public sealed record FilterProblem(string Field, string Value, string Reason);

/// <summary>
/// Filters of a fair-day search, shared by /Fairs, /calendar.ics and /api/fairs; every one of
/// them travels in the query string, so a search can be bookmarked or subscribed to.
/// </summary>
public sealed class FairDayFilter
{
    public const double DefaultKm = 25;
    public const double MaxKm = 1000;
    /// <summary>Beyond this a page number is a typo or a probe, not a reader.</summary>
    public const int MaxPage = 1000;
    public const int MaxTextLength = 100;

    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public int? Municipality { get; set; }
    public int? Corridor { get; set; }
    /// <summary>A region id: the venue's municipality belongs to it (the home page leads with its region's days).</summary>
    public int? Region { get; set; }
    /// <summary>A product category id: some producer booked on the day sells it.</summary>
    public int? Product { get; set; }
    /// <summary>At least one producer with a valid organic badge is booked.</summary>
    public bool Organic { get; set; }
    /// <summary>A point "lat,lon"; with <see cref="Km"/> limits the distance of the venue.</summary>
    public string? Near { get; set; }
    public double? Km { get; set; }
    public string? Q { get; set; }
    /// <summary>Local weekdays the day is held on; empty means any.</summary>
    public IReadOnlyList<DayOfWeek> Weekdays { get; set; } = [];
    /// <summary>Parts of the day its local start falls in; empty means any.</summary>
    public IReadOnlyList<DayPart> Times { get; set; } = [];
    public int Page { get; set; } = 1;

    /// <summary>The point of <see cref="Near"/>, or null when absent or malformed.</summary>
    public (double Lat, double Lon)? NearPoint() => ParsePoint(Near);

    public static (double Lat, double Lon)? ParsePoint(string? text)
    {
        var parts = text?.Split(',', StringSplitOptions.TrimEntries);
        if (parts is not { Length: 2 }
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            || !double.IsFinite(lat) || !double.IsFinite(lon)
            || lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            return null;
        }
        return (lat, lon);
    }

    /// <summary>
    /// Reads a search from a query string. A value that cannot be read is left out (the rest
    /// of the search still applies) and reported, so pages can say so and the API can refuse.
    /// </summary>
    public static FairDayFilter Parse(IQueryCollection query, out IReadOnlyList<FilterProblem> problems)
    {
        var found = new List<FilterProblem>();
        var filter = new FairDayFilter
        {
            From = Date(query, "from", found),
            To = Date(query, "to", found),
            Municipality = Id(query, "municipality", found),
            Corridor = Id(query, "corridor", found),
            Region = Id(query, "region", found),
            Product = Id(query, "product", found),
            Organic = Flag(query, "organic", found),
            Q = Text(query, "q", found),
            Weekdays = Many<DayOfWeek>(query, "weekday", found, Domain.Fairs.Weekdays.TryParse,
                "weekday must be 1–7 (Monday = 1) or a day name such as sat."),
            Times = Many<DayPart>(query, "time", found, DayParts.TryParse,
                "time must be morning, afternoon or evening."),
        };
        var near = Single(query, "near");
        if (near is not null)
        {
            if (ParsePoint(near) is null)
            {
                found.Add(Problem("near", near, "near must be \"latitude,longitude\" in decimal degrees."));
            }
            else
            {
                filter.Near = near;
            }
        }
        var km = Single(query, "km");
        if (km is not null)
        {
            if (double.TryParse(km, NumberStyles.Float, CultureInfo.InvariantCulture, out var distance)
                && distance is > 0 and <= MaxKm)
            {
                filter.Km = distance;
            }
            else
            {
                found.Add(Problem("km", km, $"km must be a number above 0 and at most {MaxKm}."));
            }
        }
        var page = Single(query, "page");
        if (page is not null)
        {
            if (int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                && number is >= 1 and <= MaxPage)
            {
                filter.Page = number;
            }
            else
            {
                found.Add(Problem("page", page, $"page must be a whole number from 1 to {MaxPage}."));
            }
        }
        if (filter is { From: { } from, To: { } to } && to < from)
        {
            found.Add(Problem("to", Single(query, "to")!, "to must not be before from."));
            filter.To = null;
        }
        problems = found;
        return filter;
    }

    /// <summary>The query string of this filter (page excluded), for links, feeds and the API.</summary>
    public List<KeyValuePair<string, string?>> ToQuery()
    {
        var query = new List<KeyValuePair<string, string?>>
        {
            new("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("municipality", Municipality?.ToString(CultureInfo.InvariantCulture)),
            new("corridor", Corridor?.ToString(CultureInfo.InvariantCulture)),
            new("region", Region?.ToString(CultureInfo.InvariantCulture)),
            new("product", Product?.ToString(CultureInfo.InvariantCulture)),
            new("organic", Organic ? "true" : null),
            new("near", Near),
            new("km", Km?.ToString(CultureInfo.InvariantCulture)),
            new("q", Q),
        };
        query.AddRange(Weekdays.Select(d => new KeyValuePair<string, string?>("weekday", Domain.Fairs.Weekdays.Code(d))));
        query.AddRange(Times.Select(t => new KeyValuePair<string, string?>("time", t.ToString().ToLowerInvariant())));
        return query;
    }

    public string ToQueryString(int? page = null)
    {
        var query = ToQuery();
        if (page is { } p)
        {
            query.Add(new("page", p.ToString(CultureInfo.InvariantCulture)));
        }
        return QueryString.Create(query.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToString();
    }

    private delegate bool TryParser<T>(string? text, out T value);

    private static string? Single(IQueryCollection query, string name)
    {
        var value = query[name].LastOrDefault(v => !string.IsNullOrWhiteSpace(v));
        return value?.Trim();
    }

    private static FilterProblem Problem(string field, string value, string reason) =>
        new(field, value.Length > 40 ? value[..40] + "…" : value, reason);

    private static DateOnly? Date(IQueryCollection query, string name, List<FilterProblem> problems)
    {
        var value = Single(query, name);
        if (value is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        problems.Add(Problem(name, value, $"{name} must be an ISO date (yyyy-MM-dd)."));
        return null;
    }

    private static int? Id(IQueryCollection query, string name, List<FilterProblem> problems)
    {
        var value = Single(query, name);
        if (value is null)
        {
            return null;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return id;
        }
        problems.Add(Problem(name, value, $"{name} must be a positive whole number (an id)."));
        return null;
    }

    private static bool Flag(IQueryCollection query, string name, List<FilterProblem> problems)
    {
        var value = Single(query, name);
        if (value is null || string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        problems.Add(Problem(name, value, $"{name} must be true or false."));
        return false;
    }

    private static string? Text(IQueryCollection query, string name, List<FilterProblem> problems)
    {
        var value = Single(query, name);
        if (value is null)
        {
            return null;
        }
        if (value.Length > MaxTextLength)
        {
            problems.Add(Problem(name, value, $"{name} must be at most {MaxTextLength} characters."));
            return null;
        }
        return value;
    }

    private static IReadOnlyList<T> Many<T>(IQueryCollection query, string name, List<FilterProblem> problems,
        TryParser<T> parse, string reason)
    {
        var values = new List<T>();
        foreach (var text in query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (parse(text, out var value))
            {
                if (!values.Contains(value))
                {
                    values.Add(value);
                }
            }
            else
            {
                problems.Add(Problem(name, text, reason));
            }
        }
        return values;
    }
}
