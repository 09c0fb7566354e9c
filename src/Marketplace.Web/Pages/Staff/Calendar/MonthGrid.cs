using System.Globalization;

namespace Marketplace.Web.Pages.Staff.Calendar;

/// <summary>The weeks (Monday first) that cover one month, for a calendar drawn with a CSS grid.</summary>
public sealed class MonthGrid
{
    private MonthGrid(DateOnly first)
    {
        First = first;
        var start = first.AddDays(-(((int)first.DayOfWeek + 6) % 7));
        var last = first.AddMonths(1).AddDays(-1);
        var end = last.AddDays(6 - (((int)last.DayOfWeek + 6) % 7));
        Cells = Enumerable.Range(0, end.DayNumber - start.DayNumber + 1).Select(start.AddDays).ToList();
    }

    /// <summary>The first day of the month.</summary>
    public DateOnly First { get; }
    /// <summary>Every date shown, from the Monday on or before the 1st to the Sunday on or after the last day.</summary>
    public IReadOnlyList<DateOnly> Cells { get; }
    public DateOnly Start => Cells[0];
    public DateOnly End => Cells[^1];
    public string Previous => Key(First.AddMonths(-1));
    public string Next => Key(First.AddMonths(1));

    public bool Contains(DateOnly date) => date.Year == First.Year && date.Month == First.Month;

    /// <summary>The month a "yyyy-MM" query names; false (and today's month) when it names none.</summary>
    public static bool TryParse(string? month, DateOnly today, out MonthGrid grid)
    {
        if (string.IsNullOrWhiteSpace(month))
        {
            grid = new MonthGrid(new DateOnly(today.Year, today.Month, 1));
            return true;
        }
        if (DateOnly.TryParseExact(month.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var first) && first.Year is >= 2000 and <= 2100)
        {
            grid = new MonthGrid(first);
            return true;
        }
        grid = new MonthGrid(new DateOnly(today.Year, today.Month, 1));
        return false;
    }

    public static string Key(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
