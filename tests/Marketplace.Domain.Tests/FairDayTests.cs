using Marketplace.Domain.Common;
using Marketplace.Domain.Fairs;
using Xunit;

namespace Marketplace.Domain.Tests;

public class FairDayTests
{
    private static readonly MunicipalClock Lima = new("America/Lima");
    private static readonly MunicipalClock SaoPaulo = new("America/Sao_Paulo");
    private static readonly DateOnly Saturday = new(2026, 11, 28);

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static FairSeries Series(int opensDaysBefore = 30, int closesHoursBefore = 12) => new()
    {
        Id = 7,
        Name = "Ecoferia de Huancavelica",
        RecurrenceRule = "FREQ=WEEKLY;BYDAY=SA",
        StartsOn = new DateOnly(2026, 3, 7),
        StartTime = new TimeOnly(7, 0),
        EndTime = new TimeOnly(13, 0),
        BookingOpensDaysBefore = opensDaysBefore,
        BookingClosesHoursBefore = closesHoursBefore,
        Route = [new FairSeriesStop { Position = 0, VenueId = 10 }],
    };

    /// <summary>Lima, 2026-11-28 07:00–13:00: 12:00Z–18:00Z; booking 2026-10-29 05:00Z to 2026-11-28 00:00Z.</summary>
    private static FairDay PlannedInLima() =>
        FairDay.Plan(Series(), new ScheduledOccurrence(Saturday, 37, 10), Lima);

    [Fact]
    public void Planning_places_the_day_on_its_occurrence_date_at_the_series_hours_in_UTC()
    {
        var day = PlannedInLima();

        Assert.Equal(7, day.FairSeriesId);
        Assert.Equal(Saturday, day.OccurrenceDate);
        Assert.Equal(Saturday, day.Date);
        Assert.Equal(10, day.VenueId);
        Assert.Equal(new TimeOnly(7, 0), day.StartTime);
        Assert.Equal(new TimeOnly(13, 0), day.EndTime);
        Assert.Equal(FairDayStatus.Scheduled, day.Status);
        Assert.Null(day.StatusReason);
        Assert.Equal(0, day.Sequence);
        Assert.Equal(Utc(2026, 11, 28, 12), day.StartsAtUtc);
        Assert.Equal(Utc(2026, 11, 28, 18), day.EndsAtUtc);
        Assert.Equal(DateTimeKind.Utc, day.StartsAtUtc.Kind);
        Assert.Equal(DateTimeKind.Utc, day.EndsAtUtc.Kind);
    }

    [Fact]
    public void Planning_opens_booking_at_local_midnight_days_before_and_closes_it_hours_before_the_start()
    {
        var day = PlannedInLima();

        // Local midnight 2026-10-29 in Lima; 12 hours before 07:00 local on the day.
        Assert.Equal(Utc(2026, 10, 29, 5), day.BookingOpensAtUtc);
        Assert.Equal(Utc(2026, 11, 28, 0), day.BookingClosesAtUtc);
    }

    [Fact]
    public void Planning_uses_the_series_booking_settings_in_the_venue_time_zone()
    {
        var series = Series(opensDaysBefore: 7, closesHoursBefore: 24);
        series.StartTime = new TimeOnly(8, 0);
        series.EndTime = new TimeOnly(14, 0);

        var day = FairDay.Plan(series, new ScheduledOccurrence(new DateOnly(2026, 12, 5), 0, 10), SaoPaulo);

        Assert.Equal(Utc(2026, 12, 5, 11), day.StartsAtUtc);
        Assert.Equal(Utc(2026, 12, 5, 17), day.EndsAtUtc);
        Assert.Equal(Utc(2026, 11, 28, 3), day.BookingOpensAtUtc);
        Assert.Equal(Utc(2026, 12, 4, 11), day.BookingClosesAtUtc);
    }

    [Fact]
    public void Moving_keeps_the_occurrence_date_and_changes_date_venue_hours_and_instants()
    {
        var day = PlannedInLima();

        day.Move(Series(), new DateOnly(2026, 11, 29), 20, new TimeOnly(8, 0), new TimeOnly(12, 0), Lima);

        Assert.Equal(Saturday, day.OccurrenceDate);
        Assert.Equal(new DateOnly(2026, 11, 29), day.Date);
        Assert.Equal(20, day.VenueId);
        Assert.Equal(new TimeOnly(8, 0), day.StartTime);
        Assert.Equal(new TimeOnly(12, 0), day.EndTime);
        Assert.Equal(Utc(2026, 11, 29, 13), day.StartsAtUtc);
        Assert.Equal(Utc(2026, 11, 29, 17), day.EndsAtUtc);
        Assert.Equal(Utc(2026, 10, 30, 5), day.BookingOpensAtUtc);
        Assert.Equal(Utc(2026, 11, 29, 1), day.BookingClosesAtUtc);
        Assert.Equal(FairDayStatus.Scheduled, day.Status);
        Assert.Equal(1, day.Sequence);
    }

    [Fact]
    public void Moving_to_a_venue_in_another_time_zone_uses_that_venue_clock()
    {
        var day = PlannedInLima();

        day.Move(Series(), Saturday, 40, new TimeOnly(7, 0), new TimeOnly(13, 0), SaoPaulo);

        Assert.Equal(Utc(2026, 11, 28, 10), day.StartsAtUtc);
        Assert.Equal(Utc(2026, 11, 28, 16), day.EndsAtUtc);
    }

    [Theory]
    [InlineData(9, 9)]
    [InlineData(12, 8)]
    public void Moving_to_hours_that_end_before_they_start_is_refused_and_changes_nothing(int startHour, int endHour)
    {
        var day = PlannedInLima();

        var error = Assert.Throws<ArgumentException>(() =>
            day.Move(Series(), new DateOnly(2026, 11, 29), 20, new TimeOnly(startHour, 0), new TimeOnly(endHour, 0), Lima));

        Assert.Equal("end", error.ParamName);
        Assert.Equal(Saturday, day.Date);
        Assert.Equal(10, day.VenueId);
        Assert.Equal(0, day.Sequence);
    }

    [Fact]
    public void Skipping_sets_the_status_and_reason_and_bumps_the_sequence()
    {
        var day = PlannedInLima();

        day.Skip("Municipal anniversary parade");

        Assert.Equal(FairDayStatus.Skipped, day.Status);
        Assert.Equal("Municipal anniversary parade", day.StatusReason);
        Assert.Equal(1, day.Sequence);
        Assert.Equal(Saturday, day.OccurrenceDate);
    }

    [Fact]
    public void Skipping_needs_no_reason()
    {
        var day = PlannedInLima();

        day.Skip(null);

        Assert.Equal(FairDayStatus.Skipped, day.Status);
        Assert.Null(day.StatusReason);
        Assert.Equal(1, day.Sequence);
    }

    [Fact]
    public void Cancelling_sets_the_status_and_reason_and_bumps_the_sequence()
    {
        var day = PlannedInLima();

        day.Cancel("Road closed by a landslide");

        Assert.Equal(FairDayStatus.Cancelled, day.Status);
        Assert.Equal("Road closed by a landslide", day.StatusReason);
        Assert.Equal(1, day.Sequence);
        Assert.Equal(Saturday, day.OccurrenceDate);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Cancelling_requires_a_reason(string? reason)
    {
        var day = PlannedInLima();

        Assert.ThrowsAny<ArgumentException>(() => day.Cancel(reason!));

        Assert.Equal(FairDayStatus.Scheduled, day.Status);
        Assert.Equal(0, day.Sequence);
    }

    [Fact]
    public void Every_change_bumps_the_sequence_again()
    {
        var day = PlannedInLima();

        day.Move(Series(), new DateOnly(2026, 11, 29), 20, new TimeOnly(8, 0), new TimeOnly(12, 0), Lima);
        day.Skip("Rain");
        day.Cancel("Flooded plaza");

        Assert.Equal(3, day.Sequence);
    }

    [Fact]
    public void A_scheduled_day_is_bookable_from_the_opening_instant_until_just_before_the_closing_instant()
    {
        var day = PlannedInLima();

        Assert.False(day.IsBookableAt(day.BookingOpensAtUtc.AddTicks(-1)));
        Assert.True(day.IsBookableAt(day.BookingOpensAtUtc));
        Assert.True(day.IsBookableAt(Utc(2026, 11, 15, 12)));
        Assert.True(day.IsBookableAt(day.BookingClosesAtUtc.AddTicks(-1)));
        Assert.False(day.IsBookableAt(day.BookingClosesAtUtc));
        Assert.False(day.IsBookableAt(day.StartsAtUtc));
    }

    [Fact]
    public void A_skipped_day_is_not_bookable_inside_its_window()
    {
        var day = PlannedInLima();
        day.Skip(null);

        Assert.False(day.IsBookableAt(Utc(2026, 11, 15, 12)));
    }

    [Fact]
    public void A_cancelled_day_is_not_bookable_inside_its_window()
    {
        var day = PlannedInLima();
        day.Cancel("Strike");

        Assert.False(day.IsBookableAt(Utc(2026, 11, 15, 12)));
    }

    [Fact]
    public void A_moved_day_is_bookable_in_its_new_window()
    {
        var day = PlannedInLima();
        day.Move(Series(), new DateOnly(2026, 11, 29), 20, new TimeOnly(8, 0), new TimeOnly(12, 0), Lima);

        // After the old window closed (2026-11-28 00:00Z) but before the new one does (2026-11-29 01:00Z).
        Assert.True(day.IsBookableAt(Utc(2026, 11, 28, 12)));
        Assert.False(day.IsBookableAt(Utc(2026, 11, 29, 1)));
    }
}
