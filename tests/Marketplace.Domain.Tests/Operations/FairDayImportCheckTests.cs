using Marketplace.Domain.Fairs;
using Marketplace.Domain.Fairs.Imports;
using Xunit;

namespace Marketplace.Domain.Tests.Operations;

public class FairDayImportCheckTests
{
    private const int Home = 1;
    private const int Other = 2;
    private static readonly ImportSeries Market = new(10, "Mercado Dominical", Home, [100]);
    private static readonly ImportSeries Itinerant = new(11, "Feria Itinerante", Home, [100, 300]);
    private static readonly ImportSeries Foreign = new(12, "Feira da PR-445", Other, [200]);
    private static readonly ImportVenue Plaza = new(100, "Plaza de Armas", Home);
    private static readonly ImportVenue Roadside = new(200, "Feira km 12", Other);
    private static readonly ImportVenue Neighbour = new(300, "Plaza de Acobamba", 3);
    private static readonly DateOnly Sunday = new(2040, 3, 4);

    private static FairDayImportCheck Check(params ExistingFairDay[] existing) =>
        new(Home, [Market, Itinerant, Foreign], [Plaza, Roadside, Neighbour], existing);

    private static FairDayCsvRow Row(int line, string series = "Mercado Dominical", string date = "2040-03-04",
        string start = "08:00", string end = "13:00", string venue = "Plaza de Armas", string? status = null, string? reason = null) =>
        new(line, series, date, start, end, venue, status, reason);

    private static ExistingFairDay Existing(int id, int series, DateOnly date, string start = "08:00", string end = "13:00",
        FairDayStatus status = FairDayStatus.Scheduled, bool bookings = false, int venue = 100) =>
        new(id, series, date, date, venue, TimeOnly.Parse(start), TimeOnly.Parse(end), status, bookings);

    [Fact]
    public void A_new_date_is_planned_with_its_hours_venue_and_status()
    {
        var check = Check();

        check.Add(Row(2, start: "7:30", end: "12:00"));

        Assert.True(check.CanApply);
        var planned = Assert.Single(check.Planned);
        Assert.Equal(new PlannedFairDay(2, 10, Sunday, new TimeOnly(7, 30), new TimeOnly(12, 0), 100, FairDayStatus.Scheduled, null, null), planned);
    }

    [Fact]
    public void Names_match_without_case_or_surrounding_spaces()
    {
        var check = Check();

        check.Add(Row(2, series: "  mercado DOMINICAL ", venue: "plaza de armas"));

        Assert.True(check.CanApply);
    }

    [Theory]
    [InlineData("Feria Fantasma", "Plaza de Armas", "2040-03-04", "08:00", "13:00", ImportProblemReason.UnknownSeries)]
    [InlineData("Mercado Dominical", "Plaza Fantasma", "2040-03-04", "08:00", "13:00", ImportProblemReason.UnknownVenue)]
    [InlineData("Mercado Dominical", "Plaza de Armas", "04/03/2040", "08:00", "13:00", ImportProblemReason.BadDate)]
    [InlineData("Mercado Dominical", "Plaza de Armas", "2040-02-30", "08:00", "13:00", ImportProblemReason.BadDate)]
    [InlineData("Mercado Dominical", "Plaza de Armas", "2040-03-04", "8h", "13:00", ImportProblemReason.BadTime)]
    [InlineData("Mercado Dominical", "Plaza de Armas", "2040-03-04", "13:00", "13:00", ImportProblemReason.EndBeforeStart)]
    [InlineData("Feira da PR-445", "Plaza de Armas", "2040-03-04", "08:00", "13:00", ImportProblemReason.OtherMunicipality)]
    [InlineData("Mercado Dominical", "Feira km 12", "2040-03-04", "08:00", "13:00", ImportProblemReason.OtherMunicipality)]
    [InlineData("Mercado Dominical", "Plaza de Acobamba", "2040-03-04", "08:00", "13:00", ImportProblemReason.OtherMunicipality)]
    public void A_bad_row_is_reported_with_its_reason_and_line(string series, string venue, string date, string start,
        string end, ImportProblemReason reason)
    {
        var check = Check();

        check.Add(Row(5, series, date, start, end, venue));

        Assert.False(check.CanApply);
        Assert.Equal(new ImportProblem(5, reason, reason switch
        {
            ImportProblemReason.UnknownSeries or ImportProblemReason.OtherMunicipality when series != "Mercado Dominical" => series,
            ImportProblemReason.UnknownVenue or ImportProblemReason.OtherMunicipality => venue,
            ImportProblemReason.BadDate => date,
            ImportProblemReason.BadTime => start,
            _ => $"{start}–{end}",
        }), Assert.Single(check.Problems));
        Assert.Empty(check.Planned);
    }

    [Fact]
    public void An_itinerant_series_may_name_a_venue_of_its_route_in_another_municipality()
    {
        var check = Check();

        check.Add(Row(2, series: "Feria Itinerante", venue: "Plaza de Acobamba"));

        Assert.True(check.CanApply);
    }

    [Fact]
    public void Hours_that_overlap_another_scheduled_day_at_the_venue_are_refused_touching_ones_are_not()
    {
        var check = Check(Existing(1, Itinerant.Id, Sunday, "06:00", "09:00"), Existing(2, Itinerant.Id, Sunday.AddDays(7), status: FairDayStatus.Cancelled));

        check.Add(Row(2));
        check.Add(Row(3, date: "2040-03-11"));
        check.Add(Row(4, date: "2040-03-18", start: "09:00", end: "13:00"));
        check.Add(Row(5, series: "Feria Itinerante", date: "2040-03-18", start: "13:00", end: "15:00"));
        check.Add(Row(6, series: "Feria Itinerante", date: "2040-03-25", start: "10:00", end: "12:00"));
        check.Add(Row(7, date: "2040-03-25", start: "11:00", end: "14:00"));

        Assert.Equal([new ImportProblem(2, ImportProblemReason.Overlap, "2040-03-04 06:00–09:00"),
            new ImportProblem(7, ImportProblemReason.Overlap, "2040-03-25 10:00–12:00")], check.Problems);
        Assert.Equal([3, 4, 5, 6], check.Planned.Select(p => p.Line));
    }

    [Fact]
    public void A_row_of_an_existing_day_updates_it_and_does_not_overlap_itself()
    {
        var check = Check(Existing(9, Market.Id, Sunday));

        check.Add(Row(2, start: "09:00", end: "14:00"));
        check.Add(Row(3, date: "2040-03-11", status: "cancelled", reason: "Lluvias"));

        Assert.True(check.CanApply);
        Assert.Equal(9, check.Planned[0].ExistingId);
        Assert.Equal(FairDayStatus.Cancelled, check.Planned[1].Status);
        Assert.Null(check.Planned[1].ExistingId);
    }

    [Fact]
    public void Cancelling_needs_a_reason_and_the_status_must_be_known()
    {
        var check = Check();

        check.Add(Row(2, status: "Cancelled"));
        check.Add(Row(3, date: "2040-03-11", status: "Postponed"));
        check.Add(Row(4, date: "2040-03-18", status: "2"));
        check.Add(Row(5, date: "2040-03-25", status: "Skipped", reason: new string('x', 501)));

        Assert.Equal([ImportProblemReason.ReasonRequired, ImportProblemReason.BadStatus, ImportProblemReason.BadStatus,
            ImportProblemReason.ReasonTooLong], check.Problems.Select(p => p.Reason));
    }

    [Fact]
    public void The_same_series_and_date_twice_is_a_duplicate()
    {
        var check = Check();

        check.Add(Row(2));
        check.Add(Row(3, start: "14:00", end: "16:00"));

        Assert.Equal(ImportProblemReason.Duplicate, Assert.Single(check.Problems).Reason);
    }

    [Fact]
    public void A_day_with_bookings_or_already_called_off_is_not_changed_by_an_import()
    {
        var check = Check(Existing(1, Market.Id, Sunday, bookings: true),
            Existing(2, Market.Id, Sunday.AddDays(7), status: FairDayStatus.Skipped),
            Existing(3, Market.Id, Sunday.AddDays(14), bookings: true));

        check.Add(Row(2, start: "09:00"));
        check.Add(Row(3, date: "2040-03-11"));
        check.Add(Row(4, date: "2040-03-18"));

        Assert.Equal([new ImportProblem(2, ImportProblemReason.HasBookings, "2040-03-04"),
            new ImportProblem(3, ImportProblemReason.CannotReopen, "2040-03-11")], check.Problems);
        Assert.Equal([4], check.Planned.Select(p => p.Line));
    }

    [Fact]
    public void Two_rows_that_reach_the_same_moved_day_are_duplicates()
    {
        var moved = new ExistingFairDay(4, Market.Id, Sunday, Sunday.AddDays(1), 100, new TimeOnly(8, 0), new TimeOnly(13, 0),
            FairDayStatus.Scheduled, false);
        var check = Check(moved);

        check.Add(Row(2, date: "2040-03-04"));
        check.Add(Row(3, date: "2040-03-05"));

        Assert.Equal(4, Assert.Single(check.Planned).ExistingId);
        Assert.Equal(new ImportProblem(3, ImportProblemReason.Duplicate, "Mercado Dominical 2040-03-05"), Assert.Single(check.Problems));
    }
}
