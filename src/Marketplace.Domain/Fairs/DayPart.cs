namespace Marketplace.Domain.Fairs;

/// <summary>
/// Part of the day a fair day starts in, by its local start time: morning before noon,
/// afternoon until 18:00, evening after. A resident asks "Saturday morning", not "07:00–14:00".
/// </summary>
public enum DayPart
{
    Morning,
    Afternoon,
    Evening,
}

public static class DayParts
{
    public static readonly TimeOnly Noon = new(12, 0);
    public static readonly TimeOnly Dusk = new(18, 0);

    /// <summary>The part of the day a local start time falls in.</summary>
    public static DayPart Of(TimeOnly localStart) =>
        localStart < Noon ? DayPart.Morning : localStart < Dusk ? DayPart.Afternoon : DayPart.Evening;

    /// <summary>The local start times of a part: <c>From &lt;= start &lt; Until</c> (Until null: to midnight).</summary>
    public static (TimeOnly From, TimeOnly? Until) Range(DayPart part) => part switch
    {
        DayPart.Morning => (TimeOnly.MinValue, Noon),
        DayPart.Afternoon => (Noon, Dusk),
        _ => (Dusk, null),
    };

    /// <summary>Reads a part's name as written in a query string (morning, afternoon, evening).</summary>
    public static bool TryParse(string? value, out DayPart part)
    {
        part = default;
        return !string.IsNullOrWhiteSpace(value) && !int.TryParse(value, out _)
            && Enum.TryParse(value.Trim(), ignoreCase: true, out part) && Enum.IsDefined(part);
    }
}

/// <summary>Weekdays as written in query strings: ISO numbers (1 = Monday … 7 = Sunday) or English names.</summary>
public static class Weekdays
{
    public static bool TryParse(string? value, out DayOfWeek day)
    {
        day = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }
        var text = value.Trim();
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var iso))
        {
            if (iso is < 1 or > 7)
            {
                return false;
            }
            day = (DayOfWeek)(iso % 7);
            return true;
        }
        foreach (var candidate in Enum.GetValues<DayOfWeek>())
        {
            var name = candidate.ToString();
            if (string.Equals(text, name, StringComparison.OrdinalIgnoreCase)
                || (text.Length == 3 && name.StartsWith(text, StringComparison.OrdinalIgnoreCase)))
            {
                day = candidate;
                return true;
            }
        }
        return false;
    }

    /// <summary>The query-string form of a weekday: its three-letter English name in lower case.</summary>
    public static string Code(DayOfWeek day) => day.ToString()[..3].ToLowerInvariant();

    /// <summary>Monday first, as calendars in Peru and Brazil print the week.</summary>
    public static IReadOnlyList<DayOfWeek> MondayFirst { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday,
            DayOfWeek.Saturday, DayOfWeek.Sunday];
}
