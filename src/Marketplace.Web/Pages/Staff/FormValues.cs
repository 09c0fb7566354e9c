using System.Globalization;

namespace Marketplace.Web.Pages.Staff;

/// <summary>
/// Reads the numbers, dates and times of the staff forms the same way in every language: ISO dates
/// and 24-hour times (what date and time inputs send), and numbers with either a point or a comma.
/// </summary>
public static class FormValues
{
    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "HH:mm:ss", "H:mm"], CultureInfo.InvariantCulture,
            DateTimeStyles.None, out time);

    public static bool TryDecimal(string? text, out decimal value) =>
        decimal.TryParse(text?.Trim().Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out value);

    public static bool TryDouble(string? text, out double value) =>
        double.TryParse(text?.Trim().Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Iso(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Invariant(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Invariant(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
