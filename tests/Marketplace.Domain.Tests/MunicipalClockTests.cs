using Marketplace.Domain.Common;
using Xunit;

namespace Marketplace.Domain.Tests;

public class MunicipalClockTests
{
    private static readonly MunicipalClock Lima = new("America/Lima");
    private static readonly MunicipalClock SaoPaulo = new("America/Sao_Paulo");

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void In_Lima_three_in_the_morning_UTC_is_still_the_previous_local_day()
    {
        Assert.Equal(new DateOnly(2026, 11, 23), Lima.TodayAt(Utc(2026, 11, 24, 3)));
    }

    [Fact]
    public void In_Lima_the_local_day_changes_at_five_UTC()
    {
        Assert.Equal(new DateOnly(2026, 11, 23), Lima.TodayAt(Utc(2026, 11, 24, 4, 59)));
        Assert.Equal(new DateOnly(2026, 11, 24), Lima.TodayAt(Utc(2026, 11, 24, 5)));
    }

    [Fact]
    public void In_Lima_seven_in_the_morning_is_noon_UTC()
    {
        var utc = Lima.ToUtc(new DateOnly(2026, 11, 28), new TimeOnly(7, 0));

        Assert.Equal(Utc(2026, 11, 28, 12), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Fact]
    public void Lima_keeps_five_hours_behind_UTC_all_year()
    {
        Assert.Equal(Utc(2026, 1, 15, 13), Lima.ToUtc(new DateOnly(2026, 1, 15), new TimeOnly(8, 0)));
        Assert.Equal(Utc(2026, 7, 15, 13), Lima.ToUtc(new DateOnly(2026, 7, 15), new TimeOnly(8, 0)));
    }

    [Fact]
    public void A_Lima_instant_converts_to_local_wall_clock_time()
    {
        var local = Lima.ToLocal(Utc(2026, 11, 28, 12));

        Assert.Equal(new DateTime(2026, 11, 28, 7, 0, 0), local);
    }

    [Fact]
    public void In_Sao_Paulo_the_local_day_changes_at_three_UTC()
    {
        Assert.Equal(new DateOnly(2026, 11, 23), SaoPaulo.TodayAt(Utc(2026, 11, 24, 2, 59)));
        Assert.Equal(new DateOnly(2026, 11, 24), SaoPaulo.TodayAt(Utc(2026, 11, 24, 3)));
    }

    [Fact]
    public void Sao_Paulo_has_no_summer_time_so_January_is_still_three_hours_behind_UTC()
    {
        // Under the pre-2019 summer time (UTC-2) this instant would already be 2027-01-10.
        Assert.Equal(new DateOnly(2027, 1, 9), SaoPaulo.TodayAt(Utc(2027, 1, 10, 2, 30)));
        Assert.Equal(Utc(2027, 1, 10, 11), SaoPaulo.ToUtc(new DateOnly(2027, 1, 10), new TimeOnly(8, 0)));
    }

    [Fact]
    public void A_local_time_inside_a_skipped_summer_time_hour_moves_forward_an_hour()
    {
        // Brazil's summer time began at 00:00 on 2018-11-04: clocks jumped to 01:00 (UTC-2).
        var utc = SaoPaulo.ToUtc(new DateOnly(2018, 11, 4), new TimeOnly(0, 30));

        Assert.Equal(Utc(2018, 11, 4, 3, 30), utc);
    }

    [Fact]
    public void An_instant_of_unspecified_kind_is_read_as_UTC()
    {
        var unspecified = new DateTime(2026, 11, 24, 3, 0, 0, DateTimeKind.Unspecified);

        Assert.Equal(new DateOnly(2026, 11, 23), Lima.TodayAt(unspecified));
    }

    [Fact]
    public void An_unknown_time_zone_is_refused()
    {
        Assert.Throws<TimeZoneNotFoundException>(() => new MunicipalClock("America/Atlantis"));
    }
}
