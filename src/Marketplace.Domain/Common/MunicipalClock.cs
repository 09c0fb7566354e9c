namespace Marketplace.Domain.Common;

/// <summary>
/// Converts between a municipality's local calendar (IANA time zone) and UTC instants.
/// Fair days are local dates and hours; instants are stored in UTC.
/// </summary>
public sealed class MunicipalClock
{
    private readonly TimeZoneInfo _zone;

    public MunicipalClock(string ianaTimeZoneId)
    {
        _zone = TimeZoneInfo.FindSystemTimeZoneById(ianaTimeZoneId);
    }

    public TimeZoneInfo Zone => _zone;

    /// <summary>The local date in the municipality at the given instant.</summary>
    public DateOnly TodayAt(DateTime utcNow) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(EnsureUtc(utcNow), _zone));

    /// <summary>The UTC instant of a local wall-clock time (a skipped DST hour moves forward).</summary>
    public DateTime ToUtc(DateOnly date, TimeOnly time)
    {
        var local = DateTime.SpecifyKind(date.ToDateTime(time), DateTimeKind.Unspecified);
        if (_zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, _zone);
    }

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(EnsureUtc(utc), _zone);

    private static DateTime EnsureUtc(DateTime value) =>
        value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
