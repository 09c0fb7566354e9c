using System.Globalization;
using System.Net;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Marketplace.Web.Tests.Operations.OperationsScene;
using static Marketplace.Web.Tests.Staff.StaffScenario;

namespace Marketplace.Web.Tests.Operations;

/// <summary>The report figures, checked against a series made for the test in a period nothing else uses.</summary>
[Collection(OperationsCollection.Name)]
public class ReportTests(MarketplaceFactory site)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Occupancy_producers_and_fees_match_the_bookings_of_the_period()
    {
        var venue = await CreateVenueAsync(site, Huancavelica, stalls: 4);
        var (_, series) = await CreateSeriesAsync(site, Huancavelica, venue);
        var first = new DateOnly(2046, 3, 6);
        var day1 = await CreateDayAsync(site, series, first);
        var day2 = await CreateDayAsync(site, series, first.AddDays(7));
        var day3 = await CreateDayAsync(site, series, first.AddDays(14));
        var producers = new List<Staff.TestProducer>();
        for (var i = 0; i < 3; i++)
        {
            producers.Add(await CreateProducerAsync(site, Huancavelica));
        }
        var paid = await BookAsync(site, day1, producers[0].Id, fee: 10);
        var waived = await BookAsync(site, day1, producers[1].Id, fee: 10);
        await BookAsync(site, day2, producers[2].Id, fee: 10);
        await BookAsync(site, day3, producers[0].Id, fee: 10);
        await site.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            (await db.Bookings.SingleAsync(b => b.Id == paid, Token)).RecordCashPayment("R-1", now);
            (await db.Bookings.SingleAsync(b => b.Id == waived, Token)).WaiveFee(now);
            var producer = await db.Producers.SingleAsync(p => p.Id == producers[2].Id, Token);
            producer.ContactGender = Marketplace.Domain.Producers.Gender.Female;
            producer.OrganizationType = Marketplace.Domain.Producers.OrganizationType.WomensOrganization;
            (await db.FairDays.SingleAsync(d => d.Id == day3, Token)).Cancel("Helada");
            await db.SaveChangesAsync(Token);
        });
        var municipality = await MunicipalityIdAsync(site, Huancavelica);
        var period = $"MunicipalityId={municipality}&From=2046-03-01&To=2046-03-31";
        var staff = await SignedInAsync(site, HuancavelicaStaff);

        var page = await staff.GetStringAsync($"/Staff/Reports?{period}&culture=en", Token);
        var days = await Csv(staff, $"/Staff/Reports?handler=Csv&report=days&{period}");
        var perSeries = await Csv(staff, $"/Staff/Reports?handler=Csv&report=series&{period}");
        var producerCounts = await Csv(staff, $"/Staff/Reports?handler=Csv&report=producers&{period}");
        var fees = await Csv(staff, $"/Staff/Reports?handler=Csv&report=fees&{period}");

        Assert.Equal("date,series,venue,status,stalls,booked,occupancy_percent", days[0]);
        Assert.Contains(days, l => l.StartsWith($"2046-03-06,{series},", StringComparison.Ordinal) && l.EndsWith(",Scheduled,4,2,50", StringComparison.Ordinal));
        Assert.Contains(days, l => l.StartsWith($"2046-03-13,{series},", StringComparison.Ordinal) && l.EndsWith(",Scheduled,4,1,25", StringComparison.Ordinal));
        Assert.Contains(days, l => l.StartsWith($"2046-03-20,{series},", StringComparison.Ordinal) && l.EndsWith(",Cancelled,0,0,0", StringComparison.Ordinal));
        Assert.Equal(["series,days,stalls,booked,occupancy_percent", $"{series},3,8,3,38"], perSeries);
        Assert.Equal(
        [
            "dimension,value,producers",
            "organization_type,Association,2", "organization_type,WomensOrganization,1",
            "contact_gender,NotGiven,2", "contact_gender,Female,1",
            "corridor,Corredor Huancavelica Centro,3",
        ], producerCounts);
        Assert.Equal(["series,currency,paid,collected,waived,unsettled,outstanding", $"{series},PEN,1,10.00,1,1,10.00"], fees);

        Assert.Contains("<svg", page);
        Assert.Contains("<title id=\"chart-title\">", page);
        Assert.Contains("<desc id=\"chart-desc\">", page);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(page, "<rect "));
        Assert.Contains("38 %", page);
        Assert.DoesNotContain("<script", page);
    }

    [Fact]
    public async Task Reports_of_another_municipality_and_bad_periods_are_refused_without_error()
    {
        var municipality = await MunicipalityIdAsync(site, Huancavelica);
        var parana = await SignedInAsync(site, ParanaStaff);
        var staff = await SignedInAsync(site, HuancavelicaStaff);

        var other = await parana.GetAsync($"/Staff/Reports?MunicipalityId={municipality}&From=2046-01-01&To=2046-02-01", Token);
        var otherCsv = await parana.GetAsync($"/Staff/Reports?handler=Csv&report=fees&MunicipalityId={municipality}&From=2046-01-01&To=2046-02-01", Token);
        var badDate = await staff.GetAsync("/Staff/Reports?From=not-a-date&To=2046-02-01", Token);
        var tooLong = await staff.GetAsync("/Staff/Reports?From=2000-01-01&To=2046-02-01", Token);
        var unknownReport = await staff.GetAsync("/Staff/Reports?handler=Csv&report=salaries", Token);

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherCsv.StatusCode);
        Assert.Equal(HttpStatusCode.OK, badDate.StatusCode);
        Assert.Contains("From-error", await badDate.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.DoesNotContain("<svg", await tooLong.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.NotFound, unknownReport.StatusCode);
    }

    private static async Task<string[]> Csv(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadAsStringAsync(Token)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }
}
