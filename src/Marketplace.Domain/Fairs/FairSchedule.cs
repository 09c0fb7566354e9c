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
                var date = occurrence.Period.StartTime.Date;
                // RFC 5545 counts DTSTART as an occurrence even when the rule does not match it;
                // a season start is a boundary here, not a fair day, unless the rule says so.
                if (date == _startsOn && !RuleMatchesStart(pattern))
                {
                    continue;
                }
                dates.Add(date);
            }
        }
        foreach (var date in dates)
        {
            yield return date;
        }
    }

    private bool RuleMatchesStart(RecurrencePattern pattern)
    {
        // Without BYxxx parts the rule derives its dates from DTSTART, so the start matches.
        if (pattern.ByDay.Count == 0 && pattern.ByMonthDay.Count == 0 && pattern.ByMonth.Count == 0
            && pattern.ByYearDay.Count == 0 && pattern.BySetPosition.Count == 0)
        {
            return true;
        }
        var copy = new RecurrencePattern(_rule!) { Count = null, Until = null };
        var probe = new CalendarEvent { DtStart = new CalDateTime(_startsOn.AddDays(-1)), RecurrenceRule = copy };
        return probe.GetOccurrences(new CalDateTime(_startsOn))
            .TakeWhileBefore(new CalDateTime(_startsOn.AddDays(1)))
            .Any(o => o.Period.StartTime.Date == _startsOn);
    }

    private static string NormalizeRule(string rule)
    {
        var trimmed = rule.Trim();
        return trimmed.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase) ? trimmed[6..] : trimmed;
    }
}
