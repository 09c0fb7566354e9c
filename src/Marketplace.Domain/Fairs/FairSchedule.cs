using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;

namespace Marketplace.Domain.Fairs;

/// <summary>
/// Expands a series' RRULE and explicit dates (Ical.Net) into occurrence dates, and rotates an
/// itinerant series through its route: the n-th occurrence since the season start is held at
/// route stop n mod route length, so a date keeps its venue however often it is expanded.
/// </summary>
public sealed class FairSchedule
{
    private readonly DateOnly _startsOn;
    private readonly DateOnly? _endsOn;
    private readonly string? _rule;
    private readonly IReadOnlyList<DateOnly> _explicitDates;
    private readonly IReadOnlyList<int> _route;

    public FairSchedule(DateOnly startsOn, DateOnly? endsOn, string? rule,
        IReadOnlyList<DateOnly> explicitDates, IReadOnlyList<int> route)
    {
        if (route.Count == 0)
        {
            throw new ArgumentException("A series needs at least one venue in its route.", nameof(route));
        }
        if (string.IsNullOrWhiteSpace(rule) && explicitDates.Count == 0)
        {
            throw new ArgumentException("A series needs a recurrence rule or explicit dates.", nameof(rule));
        }
        _startsOn = startsOn;
        _endsOn = endsOn;
        _rule = string.IsNullOrWhiteSpace(rule) ? null : NormalizeRule(rule);
        _explicitDates = explicitDates;
        _route = route;
    }

    /// <summary>Every occurrence whose date falls in [from, to], in date order.</summary>
    public IEnumerable<ScheduledOccurrence> Between(DateOnly from, DateOnly to)
    {
        var last = _endsOn is { } end && end < to ? end : to;
        var ordinal = 0;
        foreach (var date in DatesUntil(last))
        {
            if (date >= from)
            {
                yield return new ScheduledOccurrence(date, ordinal, _route[ordinal % _route.Count]);
            }
            ordinal++;
        }
    }

    /// <summary>Checks that a rule string is a valid RFC 5545 RRULE.</summary>
    public static bool IsValidRule(string rule)
    {
        if (string.IsNullOrWhiteSpace(rule))
        {
            return false;
        }
        try
        {
            _ = new RecurrencePattern(NormalizeRule(rule));
            return true;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return false;
        }
    }

    public static IReadOnlyList<DateOnly> ParseDates(string? dates) =>
        string.IsNullOrWhiteSpace(dates)
            ? []
            : dates.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Distinct()
                .Order()
                .ToList();

    private IEnumerable<DateOnly> DatesUntil(DateOnly last)
    {
        if (last < _startsOn)
        {
            yield break;
        }
        var dates = new SortedSet<DateOnly>(_explicitDates.Where(d => d >= _startsOn && d <= last));
        if (_rule is not null)
        {
            var pattern = new RecurrencePattern(_rule);
            var calendarEvent = new CalendarEvent { DtStart = new CalDateTime(_startsOn), RecurrenceRule = pattern };
            var stop = new CalDateTime(last.AddDays(1));
            foreach (var occurrence in calendarEvent.GetOccurrences().TakeWhileBefore(stop))
            {
                // Ical.Net 5 yields DTSTART only where the rule matches it, unlike a literal RFC 5545 reading.
                dates.Add(occurrence.Period.StartTime.Date);
            }
        }
        foreach (var date in dates)
        {
            yield return date;
        }
    }

    private static string NormalizeRule(string rule)
    {
        var trimmed = rule.Trim();
        return trimmed.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase) ? trimmed[6..] : trimmed;
    }
}
