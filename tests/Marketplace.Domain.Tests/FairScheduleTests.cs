using System.Globalization;
using Marketplace.Domain.Fairs;
using Xunit;

namespace Marketplace.Domain.Tests;

public class FairScheduleTests
{
    private const string Saturdays = "FREQ=WEEKLY;BYDAY=SA";

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly[] Ds(params string[] isos) => isos.Select(D).ToArray();

    private static string Iso(IEnumerable<DateOnly> dates) =>
        string.Join(", ", dates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    private static FairSchedule Schedule(string startsOn, string? rule, string? explicitDates = null,
        string? endsOn = null, int[]? route = null) =>
        new(D(startsOn), endsOn is null ? null : D(endsOn), rule, FairSchedule.ParseDates(explicitDates), route ?? [10]);

    private static DateOnly[] Dates(FairSchedule schedule, string from, string to) =>
        schedule.Between(D(from), D(to)).Select(o => o.OccurrenceDate).ToArray();

    [Fact]
    public void A_weekly_saturday_rule_gives_only_the_saturdays_inside_the_window()
    {
        var schedule = Schedule("2026-03-07", Saturdays);

        var dates = Dates(schedule, "2026-03-10", "2026-04-08");

        Assert.Equal(Ds("2026-03-14", "2026-03-21", "2026-03-28", "2026-04-04"), dates);
        Assert.All(dates, d => Assert.Equal(DayOfWeek.Saturday, d.DayOfWeek));
    }

    [Fact]
    public void The_query_window_is_inclusive_at_both_ends()
    {
        var schedule = Schedule("2026-03-07", Saturdays);

        Assert.Equal(Ds("2026-03-14", "2026-03-21", "2026-03-28"), Dates(schedule, "2026-03-14", "2026-03-28"));
        Assert.Equal(Ds("2026-03-21"), Dates(schedule, "2026-03-21", "2026-03-21"));
        Assert.Empty(Dates(schedule, "2026-03-22", "2026-03-27"));
    }

    [Fact]
    public void A_window_before_the_season_starts_is_empty()
    {
        var schedule = Schedule("2026-03-07", Saturdays);

        Assert.Empty(Dates(schedule, "2026-02-01", "2026-03-06"));
    }

    [Fact]
    public void A_monthly_rule_on_the_first_and_third_sunday_gives_those_sundays_in_date_order()
    {
        var schedule = Schedule("2026-03-02", "FREQ=MONTHLY;BYDAY=1SU,3SU");

        Assert.Equal(
            Ds("2026-03-15", "2026-04-05", "2026-04-19", "2026-05-03", "2026-05-17"),
            Dates(schedule, "2026-03-01", "2026-05-31"));
    }

    [Fact]
    public void Explicit_dates_alone_are_the_occurrences_sorted_and_deduplicated()
    {
        var schedule = Schedule("2026-03-01", rule: null, explicitDates: "2026-05-01, 2026-03-20,2026-04-10,2026-03-20");

        Assert.Equal(Ds("2026-03-20", "2026-04-10", "2026-05-01"), Dates(schedule, "2026-01-01", "2026-12-31"));
    }

    [Fact]
    public void Explicit_dates_before_the_season_start_or_after_its_end_are_ignored()
    {
        var schedule = Schedule("2026-03-01", rule: null, explicitDates: "2026-02-20,2026-03-20,2026-07-01",
            endsOn: "2026-06-30");

        Assert.Equal(Ds("2026-03-20"), Dates(schedule, "2026-01-01", "2026-12-31"));
    }

    [Fact]
    public void Explicit_dates_are_merged_with_the_rule_without_duplicates()
    {
        // 2026-03-19 is a Thursday holiday fair; 2026-03-21 is a Saturday the rule already gives.
        var schedule = Schedule("2026-03-07", Saturdays, explicitDates: "2026-03-19,2026-03-21");

        Assert.Equal(
            Ds("2026-03-07", "2026-03-14", "2026-03-19", "2026-03-21", "2026-03-28"),
            Dates(schedule, "2026-03-01", "2026-03-31"));
    }

    [Fact]
    public void The_season_end_bounds_the_occurrences_whatever_the_window()
    {
        var schedule = Schedule("2026-03-02", Saturdays, endsOn: "2026-03-21");

        Assert.Equal(Ds("2026-03-07", "2026-03-14", "2026-03-21"), Dates(schedule, "2026-03-01", "2026-06-30"));
        Assert.Empty(Dates(schedule, "2026-03-22", "2026-06-30"));
    }

    [Fact]
    public void A_season_start_the_rule_does_not_match_is_not_an_occurrence()
    {
        // 2026-03-02 is a Monday: RFC 5545 would count DTSTART, the schedule must not.
        var schedule = Schedule("2026-03-02", Saturdays);

        var occurrences = schedule.Between(D("2026-03-01"), D("2026-03-14")).ToList();

        Assert.Equal(Ds("2026-03-07", "2026-03-14"), occurrences.Select(o => o.OccurrenceDate));
        Assert.Equal([0, 1], occurrences.Select(o => o.Ordinal));
    }

    [Fact]
    public void A_season_start_that_is_not_a_first_or_third_sunday_is_not_an_occurrence()
    {
        // 2026-03-08 is the second Sunday of March.
        var schedule = Schedule("2026-03-08", "FREQ=MONTHLY;BYDAY=1SU,3SU");

        Assert.Equal(Ds("2026-03-15", "2026-04-05"), Dates(schedule, "2026-03-01", "2026-04-10"));
    }

    [Fact]
    public void A_season_start_the_rule_matches_is_an_occurrence()
    {
        var schedule = Schedule("2026-03-07", Saturdays);

        Assert.Equal(Ds("2026-03-07", "2026-03-14"), Dates(schedule, "2026-03-01", "2026-03-14"));
    }

    [Fact]
    public void A_season_start_on_a_first_sunday_is_an_occurrence_of_a_monthly_rule()
    {
        // 2026-03-01 is the first Sunday of March.
        var schedule = Schedule("2026-03-01", "FREQ=MONTHLY;BYDAY=1SU,3SU");

        Assert.Equal(Ds("2026-03-01", "2026-03-15", "2026-04-05"), Dates(schedule, "2026-03-01", "2026-04-10"));
    }

    [Fact]
    public void A_season_start_that_matches_an_every_other_week_rule_is_an_occurrence()
    {
        // 2026-03-02 is a Monday; every other Monday from there is 03-02, 03-16, 03-30.
        var schedule = Schedule("2026-03-02", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", route: [10, 20]);

        var occurrences = schedule.Between(D("2026-03-01"), D("2026-03-31")).ToList();

        var expected = Ds("2026-03-02", "2026-03-16", "2026-03-30");
        var actual = occurrences.Select(o => o.OccurrenceDate).ToArray();
        Assert.True(expected.SequenceEqual(actual), $"Expected [{Iso(expected)}] but got [{Iso(actual)}].");
        Assert.Equal([10, 20, 10], occurrences.Select(o => o.VenueId));
    }

    [Fact]
    public void A_rule_without_by_parts_takes_its_dates_from_the_season_start_and_includes_it()
    {
        // 2026-03-04 is a Wednesday.
        var schedule = Schedule("2026-03-04", "FREQ=WEEKLY");

        Assert.Equal(Ds("2026-03-04", "2026-03-11", "2026-03-18"), Dates(schedule, "2026-03-01", "2026-03-20"));
    }

    [Fact]
    public void A_rule_may_carry_the_RRULE_prefix()
    {
        var schedule = Schedule("2026-03-07", "RRULE:FREQ=WEEKLY;BYDAY=SA");

        Assert.Equal(Ds("2026-03-07", "2026-03-14"), Dates(schedule, "2026-03-01", "2026-03-14"));
    }

    [Fact]
    public void A_rule_with_its_own_until_stops_there()
    {
        var schedule = Schedule("2026-03-02", "FREQ=WEEKLY;BYDAY=SA;UNTIL=20260321");

        Assert.Equal(Ds("2026-03-07", "2026-03-14", "2026-03-21"), Dates(schedule, "2026-03-01", "2026-06-30"));
    }

    [Theory]
    [InlineData("FREQ=WEEKLY;BYDAY=SA")]
    [InlineData("FREQ=MONTHLY;BYDAY=1SU,3SU")]
    [InlineData("RRULE:FREQ=WEEKLY;BYDAY=SA")]
    [InlineData("  FREQ=WEEKLY;INTERVAL=2;BYDAY=MO  ")]
    [InlineData("FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=28")]
    public void A_well_formed_rule_is_valid(string rule)
    {
        Assert.True(FairSchedule.IsValidRule(rule));
    }

    [Theory]
    [InlineData("not a rule")]
    [InlineData("FREQ=SOMETIMES")]
    [InlineData("BYDAY=SA")]
    [InlineData("FREQ=WEEKLY;BYDAY=XX")]
    [InlineData("FREQ=WEEKLY;INTERVAL=0")]
    [InlineData("FREQ=WEEKLY;COUNT=abc")]
    [InlineData("FREQ=WEEKLY;FOO=BAR")]
    public void A_malformed_rule_is_invalid(string rule)
    {
        Assert.False(FairSchedule.IsValidRule(rule));
    }

    [Fact]
    public void A_schedule_needs_a_venue_in_its_route()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new FairSchedule(D("2026-03-07"), null, Saturdays, [], []));

        Assert.Equal("route", error.ParamName);
    }

    [Fact]
    public void A_schedule_needs_a_rule_or_explicit_dates()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new FairSchedule(D("2026-03-07"), null, "  ", [], [10]));

        Assert.Equal("rule", error.ParamName);
    }

    [Fact]
    public void Parsing_no_explicit_dates_gives_an_empty_list()
    {
        Assert.Empty(FairSchedule.ParseDates(null));
        Assert.Empty(FairSchedule.ParseDates(" "));
        Assert.Empty(FairSchedule.ParseDates(","));
    }

    [Fact]
    public void An_itinerant_series_rotates_through_its_route_in_order()
    {
        var schedule = Schedule("2026-03-07", Saturdays, route: [10, 20, 30]);

        var occurrences = schedule.Between(D("2026-03-07"), D("2026-04-11")).ToList();

        Assert.Equal([10, 20, 30, 10, 20, 30], occurrences.Select(o => o.VenueId));
        Assert.Equal([0, 1, 2, 3, 4, 5], occurrences.Select(o => o.Ordinal));
    }

    [Fact]
    public void A_skipped_season_start_does_not_use_up_a_route_stop()
    {
        // The season starts on a Monday; the first Saturday is the first stop.
        var schedule = Schedule("2026-03-02", Saturdays, route: [10, 20, 30]);

        Assert.Equal([10, 20, 30, 10], schedule.Between(D("2026-03-01"), D("2026-03-31")).Select(o => o.VenueId));
    }

    [Theory]
    [InlineData("2026-03-07")]
    [InlineData("2026-03-15")]
    [InlineData("2026-03-28")]
    [InlineData("2026-04-04")]
    public void The_venue_of_a_date_does_not_depend_on_where_the_query_window_starts(string from)
    {
        var schedule = Schedule("2026-03-07", Saturdays, route: [10, 20, 30]);
        var fromSeasonStart = schedule.Between(D("2026-03-07"), D("2026-05-30")).ToDictionary(o => o.OccurrenceDate);

        var window = schedule.Between(D(from), D("2026-05-30")).ToList();

        Assert.NotEmpty(window);
        Assert.All(window, o => Assert.Equal(fromSeasonStart[o.OccurrenceDate], o));
    }

    [Fact]
    public void Explicit_dates_take_their_place_in_the_rotation()
    {
        var schedule = Schedule("2026-03-07", Saturdays, explicitDates: "2026-03-19", route: [10, 20, 30]);

        var venues = schedule.Between(D("2026-03-01"), D("2026-03-28"))
            .ToDictionary(o => o.OccurrenceDate, o => o.VenueId);

        Assert.Equal(10, venues[D("2026-03-07")]);
        Assert.Equal(20, venues[D("2026-03-14")]);
        Assert.Equal(30, venues[D("2026-03-19")]);
        Assert.Equal(10, venues[D("2026-03-21")]);
        Assert.Equal(20, venues[D("2026-03-28")]);
    }

    [Fact]
    public void A_series_schedule_follows_its_route_by_stop_position()
    {
        var series = new FairSeries
        {
            Name = "Ecoferia itinerante",
            RecurrenceRule = Saturdays,
            ExplicitDates = "2026-03-19",
            StartsOn = D("2026-03-07"),
            EndsOn = D("2026-03-21"),
            Route =
            [
                new FairSeriesStop { Position = 2, VenueId = 30 },
                new FairSeriesStop { Position = 0, VenueId = 10 },
                new FairSeriesStop { Position = 1, VenueId = 20 },
            ],
        };

        var occurrences = series.Schedule().Between(D("2026-03-01"), D("2026-12-31")).ToList();

        Assert.True(series.IsItinerant);
        Assert.Equal(Ds("2026-03-07", "2026-03-14", "2026-03-19", "2026-03-21"), occurrences.Select(o => o.OccurrenceDate));
        Assert.Equal([10, 20, 30, 10], occurrences.Select(o => o.VenueId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("FREQ=SOMETIMES")]
    public void A_blank_or_unknown_rule_is_not_a_valid_rule(string rule)
    {
        Assert.False(FairSchedule.IsValidRule(rule));
    }
}
