using System.Globalization;
using Marketplace.Domain.Common;
using Marketplace.Domain.Fairs;
using Xunit;

namespace Marketplace.Domain.Tests.Fairs;

public class SeriesRevisionTests
{
    private static readonly MunicipalClock Lima = new("America/Lima");
    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static FairSeries Series(string rule, int[] route, int start = 7, int end = 14) => new()
    {
        Id = 1,
        Name = "Feria",
        RecurrenceRule = rule,
        StartsOn = D("2026-12-01"),
        StartTime = new TimeOnly(start, 0),
        EndTime = new TimeOnly(end, 0),
        Route = route.Select((v, i) => new FairSeriesStop { Position = i, VenueId = v }).ToList(),
    };

    private static List<FairDay> Days(FairSeries series, string from, string to) =>
        series.Schedule().Between(D(from), D(to)).Select(o => FairDay.Plan(series, o, Lima)).ToList();

    [Fact]
    public void Days_as_planned_follow_new_weekdays_and_the_others_are_dropped()
    {
        var before = Series("FREQ=WEEKLY;BYDAY=SA", [10]);
        var days = Days(before, "2026-12-01", "2026-12-31");
        var after = Series("FREQ=WEEKLY;BYDAY=SA", [10]);
        after.RecurrenceRule = "FREQ=MONTHLY;BYDAY=1SA";

        var revisions = SeriesRevision.Plan(before.Schedule(), before.StartTime, before.EndTime, after.Schedule(),
            days, D("2026-12-01"), D("2026-12-31"));

        Assert.Equal(days.Count, revisions.Count);
        Assert.Equal(DayRevisionKind.Replan, revisions.Single(r => r.Day.OccurrenceDate == D("2026-12-05")).Kind);
        Assert.All(revisions.Where(r => r.Day.OccurrenceDate != D("2026-12-05")),
            r => Assert.Equal(DayRevisionKind.Drop, r.Kind));
    }

    [Fact]
    public void A_day_moved_skipped_or_cancelled_by_staff_keeps_its_exception()
    {
        var before = Series("FREQ=WEEKLY;BYDAY=SA", [10]);
        var days = Days(before, "2026-12-01", "2026-12-31");
        days[0].Move(before, D("2026-12-06"), 10, before.StartTime, before.EndTime, Lima);
        days[1].Skip(null);
        days[2].Cancel("lluvia");
        var after = Series("FREQ=WEEKLY;BYDAY=SA", [10], start: 8);

        var revisions = SeriesRevision.Plan(before.Schedule(), before.StartTime, before.EndTime, after.Schedule(),
            days, D("2026-12-01"), D("2026-12-31"));

        Assert.Equal(days.Skip(3).Select(d => d.OccurrenceDate), revisions.Select(r => r.Day.OccurrenceDate));
    }

    [Fact]
    public void A_new_route_rotates_the_coming_days_through_its_venues()
    {
        var before = Series("FREQ=WEEKLY;BYDAY=SA", [10]);
        var days = Days(before, "2026-12-01", "2026-12-31");
        var after = Series("FREQ=WEEKLY;BYDAY=SA", [10, 20, 30]);

        var revisions = SeriesRevision.Plan(before.Schedule(), before.StartTime, before.EndTime, after.Schedule(),
            days, D("2026-12-01"), D("2026-12-31"));

        Assert.Equal([10, 20, 30, 10], revisions.Select(r => r.VenueId));
    }

    [Fact]
    public void Past_days_are_left_alone()
    {
        var before = Series("FREQ=WEEKLY;BYDAY=SA", [10]);
        var days = Days(before, "2026-12-01", "2026-12-31");

        var revisions = SeriesRevision.Plan(before.Schedule(), before.StartTime, before.EndTime, before.Schedule(),
            days, D("2026-12-15"), D("2026-12-31"));

        Assert.Equal([D("2026-12-19"), D("2026-12-26")], revisions.Select(r => r.Day.OccurrenceDate));
    }

    [Fact]
    public void Replanning_with_new_hours_bumps_the_sequence_and_the_same_plan_does_not()
    {
        var series = Series("FREQ=WEEKLY;BYDAY=SA", [10]);
        var day = Days(series, "2026-12-05", "2026-12-05").Single();

        Assert.False(day.Replan(series, 10, Lima));
        Assert.Equal(0, day.Sequence);

        series.StartTime = new TimeOnly(6, 0);
        Assert.True(day.Replan(series, 10, Lima));
        Assert.Equal(1, day.Sequence);
        Assert.Equal(new TimeOnly(6, 0), day.StartTime);
        Assert.Equal(new DateTime(2026, 12, 5, 11, 0, 0, DateTimeKind.Utc), day.StartsAtUtc);
        Assert.Equal(D("2026-12-05"), day.OccurrenceDate);
    }

    [Fact]
    public void A_new_booking_window_moves_the_window_of_a_day()
    {
        var series = Series("FREQ=WEEKLY;BYDAY=SA", [10]);
        var day = Days(series, "2026-12-05", "2026-12-05").Single();
        series.BookingClosesHoursBefore = 48;

        Assert.True(day.Replan(series, 10, Lima));

        Assert.Equal(day.StartsAtUtc.AddHours(-48), day.BookingClosesAtUtc);
    }

    [Fact]
    public void A_day_whose_stalls_are_held_keeps_its_venue_when_the_route_changes()
    {
        var before = Series("FREQ=WEEKLY;BYDAY=SA", [10]);
        var days = Days(before, "2026-12-01", "2026-12-31");
        for (var i = 0; i < days.Count; i++)
        {
            days[i].Id = i + 1;
        }
        var after = Series("FREQ=WEEKLY;BYDAY=SA", [10, 20]);

        var revisions = SeriesRevision.Plan(before.Schedule(), before.StartTime, before.EndTime, after.Schedule(),
            days, D("2026-12-01"), D("2026-12-31"), new HashSet<int> { 2 });

        Assert.Equal([10, 10, 10, 20], revisions.Select(r => r.VenueId));
    }
}
