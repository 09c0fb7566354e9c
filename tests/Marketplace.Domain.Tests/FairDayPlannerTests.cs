using System.Globalization;
using Marketplace.Domain.Common;
using Marketplace.Domain.Fairs;
using Xunit;

namespace Marketplace.Domain.Tests;

public class FairDayPlannerTests
{
    private static readonly MunicipalClock Lima = new("America/Lima");

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static FairSeries Series() => new()
    {
        Id = 3,
        Name = "Feria ecológica itinerante",
        RecurrenceRule = "FREQ=WEEKLY;BYDAY=SA",
        StartsOn = D("2026-03-07"),
        StartTime = new TimeOnly(7, 0),
        EndTime = new TimeOnly(13, 0),
        Route =
        [
            new FairSeriesStop { Position = 0, VenueId = 10 },
            new FairSeriesStop { Position = 1, VenueId = 20 },
            new FairSeriesStop { Position = 2, VenueId = 30 },
        ],
    };

    [Fact]
    public void With_no_fair_days_yet_every_occurrence_in_the_window_is_missing()
    {
        var schedule = Series().Schedule();

        var missing = FairDayPlanner.MissingOccurrences(schedule, new HashSet<DateOnly>(), D("2026-03-01"), D("2026-03-31"));

        Assert.Equal([D("2026-03-07"), D("2026-03-14"), D("2026-03-21"), D("2026-03-28")], missing.Select(o => o.OccurrenceDate));
        Assert.Equal([10, 20, 30, 10], missing.Select(o => o.VenueId));
    }

    [Fact]
    public void Skipped_cancelled_and_moved_days_are_never_planned_again_but_new_occurrences_are()
    {
        var series = Series();
        var schedule = series.Schedule();
        var planned = schedule.Between(D("2026-03-07"), D("2026-03-21"))
            .Select(o => FairDay.Plan(series, o, Lima))
            .ToList();
        planned[0].Skip("Carnival parade on the plaza");
        planned[1].Cancel("Road closed by landslide");
        planned[2].Move(series, D("2026-03-22"), 30, new TimeOnly(8, 0), new TimeOnly(12, 0), Lima);
        var existing = planned.Select(d => d.OccurrenceDate).ToHashSet();

        var missing = FairDayPlanner.MissingOccurrences(schedule, existing, D("2026-03-01"), D("2026-04-04"));

        Assert.Equal([D("2026-03-28"), D("2026-04-04")], missing.Select(o => o.OccurrenceDate));
        Assert.Equal([10, 20], missing.Select(o => o.VenueId));
    }

    [Fact]
    public void A_day_moved_onto_another_occurrence_date_does_not_hide_that_occurrence()
    {
        var series = Series();
        var schedule = series.Schedule();
        var moved = FairDay.Plan(series, schedule.Between(D("2026-03-21"), D("2026-03-21")).Single(), Lima);
        moved.Move(series, D("2026-03-28"), 30, series.StartTime, series.EndTime, Lima);

        var missing = FairDayPlanner.MissingOccurrences(
            schedule, new HashSet<DateOnly> { moved.OccurrenceDate }, D("2026-03-21"), D("2026-03-28"));

        var occurrence = Assert.Single(missing);
        Assert.Equal(D("2026-03-28"), occurrence.OccurrenceDate);
    }

    [Fact]
    public void Planning_the_missing_occurrences_twice_plans_nothing_the_second_time()
    {
        var series = Series();
        var schedule = series.Schedule();
        var existing = new HashSet<DateOnly> { D("2026-03-14") };

        foreach (var occurrence in FairDayPlanner.MissingOccurrences(schedule, existing, D("2026-03-01"), D("2026-04-30")))
        {
            existing.Add(FairDay.Plan(series, occurrence, Lima).OccurrenceDate);
        }

        Assert.Empty(FairDayPlanner.MissingOccurrences(schedule, existing, D("2026-03-01"), D("2026-04-30")));
    }

    [Fact]
    public void Existing_days_outside_the_window_do_not_matter()
    {
        var schedule = Series().Schedule();
        var existing = new HashSet<DateOnly> { D("2026-02-28"), D("2026-05-02") };

        var missing = FairDayPlanner.MissingOccurrences(schedule, existing, D("2026-04-01"), D("2026-04-30"));

        Assert.Equal(
            [D("2026-04-04"), D("2026-04-11"), D("2026-04-18"), D("2026-04-25")],
            missing.Select(o => o.OccurrenceDate));
    }
}
