using System.Globalization;

namespace Marketplace.Domain.Fairs;

/// <summary>How the staff form says a series repeats.</summary>
public enum RepeatKind
{
    /// <summary>Every week on the chosen weekdays.</summary>
    Weekly,
    /// <summary>Every month on the chosen weekday of the chosen weeks (1st–4th, or the last).</summary>
    MonthlyByWeekday,
    /// <summary>Only on the dates listed.</summary>
    ExplicitDates,
}

/// <summary>
/// A series' schedule as staff choose it in a form, translated to and from the RFC 5545 rule
/// and explicit dates stored on <see cref="FairSeries"/>, so an edit form shows what was saved.
/// </summary>
public sealed record SeriesPattern
{
    /// <summary>The week of the month meaning "the last one" (RRULE's -1).</summary>
    public const int LastWeek = -1;

    private static readonly string[] DayCodes = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

    private SeriesPattern(RepeatKind kind, IReadOnlyList<DayOfWeek> weekdays, IReadOnlyList<int> weeksOfMonth,
        IReadOnlyList<DateOnly> dates)
    {
        Kind = kind;
        Weekdays = weekdays;
        WeeksOfMonth = weeksOfMonth;
        Dates = dates;
    }

    public RepeatKind Kind { get; }
    /// <summary>Weekly: the weekdays; monthly: the one weekday.</summary>
    public IReadOnlyList<DayOfWeek> Weekdays { get; }
    /// <summary>Monthly: 1 to 4, or <see cref="LastWeek"/>, in order.</summary>
    public IReadOnlyList<int> WeeksOfMonth { get; }
    /// <summary>Explicit dates, in order, without repeats.</summary>
    public IReadOnlyList<DateOnly> Dates { get; }

    public static SeriesPattern Weekly(IEnumerable<DayOfWeek> weekdays)
    {
        var days = weekdays.Distinct().OrderBy(MondayFirst).ToList();
        if (days.Count == 0 || days.Any(d => !Enum.IsDefined(d)))
        {
            throw new ArgumentException("A weekly series needs at least one weekday.", nameof(weekdays));
        }
        return new SeriesPattern(RepeatKind.Weekly, days, [], []);
    }

    public static SeriesPattern Monthly(IEnumerable<int> weeksOfMonth, DayOfWeek weekday)
    {
        var weeks = weeksOfMonth.Distinct().OrderBy(w => w == LastWeek ? 5 : w).ToList();
        if (weeks.Count == 0 || weeks.Any(w => w is not (>= 1 and <= 4 or LastWeek)))
        {
            throw new ArgumentException("A monthly series needs weeks 1 to 4 or the last.", nameof(weeksOfMonth));
        }
        if (!Enum.IsDefined(weekday))
        {
            throw new ArgumentException("Unknown weekday.", nameof(weekday));
        }
        return new SeriesPattern(RepeatKind.MonthlyByWeekday, [weekday], weeks, []);
    }

    public static SeriesPattern OnDates(IEnumerable<DateOnly> dates)
    {
        var list = dates.Distinct().Order().ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A series on explicit dates needs at least one date.", nameof(dates));
        }
        return new SeriesPattern(RepeatKind.ExplicitDates, [], [], list);
    }

    /// <summary>The RRULE (without "RRULE:") this pattern stores, or null for explicit dates.</summary>
    public string? RecurrenceRule => Kind switch
    {
        RepeatKind.Weekly => "FREQ=WEEKLY;BYDAY=" + string.Join(",", Weekdays.Select(Code)),
        RepeatKind.MonthlyByWeekday => "FREQ=MONTHLY;BYDAY="
            + string.Join(",", WeeksOfMonth.Select(w => w.ToString(CultureInfo.InvariantCulture) + Code(Weekdays[0]))),
        _ => null,
    };

    /// <summary>The explicit dates as stored (ISO, comma separated), or null for a rule.</summary>
    public string? ExplicitDates => Kind == RepeatKind.ExplicitDates
        ? string.Join(",", Dates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
        : null;

    /// <summary>Writes the pattern onto the series: the rule and the dates replace what was there.</summary>
    public void ApplyTo(FairSeries series)
    {
        series.RecurrenceRule = RecurrenceRule;
        series.ExplicitDates = ExplicitDates;
    }

    /// <summary>
    /// The pattern a stored schedule means, or null when it cannot be said in the form (another
    /// frequency, an interval, weeks of different weekdays, a rule together with extra dates).
    /// </summary>
    public static SeriesPattern? FromSeries(string? recurrenceRule, string? explicitDates)
    {
        var dates = FairSchedule.ParseDates(explicitDates);
        if (string.IsNullOrWhiteSpace(recurrenceRule))
        {
            return dates.Count == 0 ? null : OnDates(dates);
        }
        if (dates.Count > 0)
        {
            return null;
        }
        var parts = ParseRule(recurrenceRule);
        if (parts is null || parts.Keys.Any(k => k is not ("FREQ" or "BYDAY")) || !parts.TryGetValue("BYDAY", out var byDay))
        {
            return null;
        }
        var entries = byDay.Split(',', StringSplitOptions.TrimEntries).Select(ParseByDay).ToList();
        if (entries.Any(e => e is null))
        {
            return null;
        }
        return parts["FREQ"] switch
        {
            "WEEKLY" when entries.All(e => e!.Value.Week is null) => Weekly(entries.Select(e => e!.Value.Day)),
            "MONTHLY" when entries.All(e => e!.Value.Week is >= 1 and <= 4 or LastWeek)
                && entries.Select(e => e!.Value.Day).Distinct().Count() == 1 =>
                Monthly(entries.Select(e => e!.Value.Week!.Value), entries[0]!.Value.Day),
            _ => null,
        };
    }

    private static Dictionary<string, string>? ParseRule(string rule)
    {
        var text = rule.Trim();
        if (text.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[6..];
        }
        var parts = new Dictionary<string, string>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2 || !parts.TryAdd(pair[0].ToUpperInvariant(), pair[1].ToUpperInvariant()))
            {
                return null;
            }
        }
        return parts.ContainsKey("FREQ") ? parts : null;
    }

    private static (int? Week, DayOfWeek Day)? ParseByDay(string entry)
    {
        if (entry.Length < 2)
        {
            return null;
        }
        var day = Array.IndexOf(DayCodes, entry[^2..]);
        if (day < 0)
        {
            return null;
        }
        var prefix = entry[..^2];
        if (prefix.Length == 0)
        {
            return (null, (DayOfWeek)day);
        }
        return int.TryParse(prefix, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var week)
            ? (week, (DayOfWeek)day)
            : null;
    }

    private static string Code(DayOfWeek day) => DayCodes[(int)day];

    private static int MondayFirst(DayOfWeek day) => ((int)day + 6) % 7;
}
