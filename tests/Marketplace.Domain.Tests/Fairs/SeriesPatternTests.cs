using System.Globalization;
using Marketplace.Domain.Fairs;
using Xunit;

namespace Marketplace.Domain.Tests.Fairs;

public class SeriesPatternTests
{
    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly[] Expand(SeriesPattern pattern, string startsOn, string from, string to) =>
        new FairSchedule(D(startsOn), null, pattern.RecurrenceRule, FairSchedule.ParseDates(pattern.ExplicitDates), [1])
            .Between(D(from), D(to)).Select(o => o.OccurrenceDate).ToArray();

    [Fact]
    public void Weekly_on_chosen_weekdays_is_a_weekly_rule_listing_them_monday_first()
    {
        var pattern = SeriesPattern.Weekly([DayOfWeek.Saturday, DayOfWeek.Wednesday, DayOfWeek.Saturday]);

        Assert.Equal("FREQ=WEEKLY;BYDAY=WE,SA", pattern.RecurrenceRule);
        Assert.Null(pattern.ExplicitDates);
        Assert.Equal([D("2026-12-02"), D("2026-12-05"), D("2026-12-09"), D("2026-12-12")],
            Expand(pattern, "2026-12-01", "2026-12-01", "2026-12-13"));
    }

    [Fact]
    public void Monthly_on_the_first_and_third_sunday_gives_those_sundays()
    {
        var pattern = SeriesPattern.Monthly([3, 1], DayOfWeek.Sunday);

        Assert.Equal("FREQ=MONTHLY;BYDAY=1SU,3SU", pattern.RecurrenceRule);
        Assert.Equal([D("2027-01-03"), D("2027-01-17"), D("2027-02-07"), D("2027-02-21")],
            Expand(pattern, "2027-01-01", "2027-01-01", "2027-02-28"));
    }

    [Fact]
    public void Monthly_on_the_last_saturday_is_minus_one_and_finds_the_last_one()
    {
        var pattern = SeriesPattern.Monthly([SeriesPattern.LastWeek], DayOfWeek.Saturday);

        Assert.Equal("FREQ=MONTHLY;BYDAY=-1SA", pattern.RecurrenceRule);
        Assert.Equal([D("2026-12-26"), D("2027-01-30")], Expand(pattern, "2026-12-01", "2026-12-01", "2027-01-31"));
    }

    [Fact]
    public void Explicit_dates_are_stored_sorted_without_repeats_and_without_a_rule()
    {
        var pattern = SeriesPattern.OnDates([D("2027-03-14"), D("2027-02-01"), D("2027-03-14")]);

        Assert.Null(pattern.RecurrenceRule);
        Assert.Equal("2027-02-01,2027-03-14", pattern.ExplicitDates);
        Assert.Equal([D("2027-02-01"), D("2027-03-14")], Expand(pattern, "2027-01-01", "2027-01-01", "2027-12-31"));
    }

    [Theory]
    [InlineData("FREQ=WEEKLY;BYDAY=SA")]
    [InlineData("FREQ=WEEKLY;BYDAY=MO,WE,FR")]
    [InlineData("FREQ=MONTHLY;BYDAY=2SA")]
    [InlineData("FREQ=MONTHLY;BYDAY=1SU,3SU")]
    [InlineData("FREQ=MONTHLY;BYDAY=1TH,-1TH")]
    public void A_rule_the_form_can_say_reads_back_to_the_same_rule(string rule)
    {
        var pattern = SeriesPattern.FromSeries(rule, null);

        Assert.NotNull(pattern);
        Assert.Equal(rule, pattern.RecurrenceRule);
    }

    [Fact]
    public void Reading_a_stored_rule_gives_the_choices_back()
    {
        var pattern = SeriesPattern.FromSeries("RRULE:FREQ=MONTHLY;BYDAY=-1SA,2SA", null)!;

        Assert.Equal(RepeatKind.MonthlyByWeekday, pattern.Kind);
        Assert.Equal([DayOfWeek.Saturday], pattern.Weekdays);
        Assert.Equal([2, SeriesPattern.LastWeek], pattern.WeeksOfMonth);
    }

    [Fact]
    public void Stored_dates_read_back_as_explicit_dates()
    {
        var pattern = SeriesPattern.FromSeries(null, "2027-02-01, 2027-01-05")!;

        Assert.Equal(RepeatKind.ExplicitDates, pattern.Kind);
        Assert.Equal("2027-01-05,2027-02-01", pattern.ExplicitDates);
    }

    [Theory]
    [InlineData("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", null)]
    [InlineData("FREQ=DAILY", null)]
    [InlineData("FREQ=MONTHLY;BYDAY=1SA,3SU", null)]
    [InlineData("FREQ=MONTHLY;BYDAY=SA", null)]
    [InlineData("FREQ=WEEKLY;BYDAY=1SA", null)]
    [InlineData("FREQ=MONTHLY;BYDAY=5SA", null)]
    [InlineData("FREQ=WEEKLY;BYDAY=XX", null)]
    [InlineData("FREQ=WEEKLY;BYDAY=SA", "2027-01-01")]
    [InlineData(null, null)]
    public void A_schedule_the_form_cannot_say_reads_as_nothing(string? rule, string? dates)
    {
        Assert.Null(SeriesPattern.FromSeries(rule, dates));
    }

    [Fact]
    public void Applying_a_pattern_replaces_the_rule_and_the_dates_of_the_series()
    {
        var series = new FairSeries { Name = "Feria", RecurrenceRule = "FREQ=WEEKLY;BYDAY=SA" };

        SeriesPattern.OnDates([D("2027-05-01")]).ApplyTo(series);

        Assert.Null(series.RecurrenceRule);
        Assert.Equal("2027-05-01", series.ExplicitDates);
    }

    [Fact]
    public void A_pattern_without_choices_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SeriesPattern.Weekly([]));
        Assert.Throws<ArgumentException>(() => SeriesPattern.Monthly([], DayOfWeek.Monday));
        Assert.Throws<ArgumentException>(() => SeriesPattern.Monthly([5], DayOfWeek.Monday));
        Assert.Throws<ArgumentException>(() => SeriesPattern.OnDates([]));
    }
}
