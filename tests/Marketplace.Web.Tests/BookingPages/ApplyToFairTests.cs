using System.Globalization;
using System.Net;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Marketplace.Web.Tests.Staff.StaffScenario;

namespace Marketplace.Web.Tests.BookingPages;

/// <summary>
/// A fair that takes only approved producers says so where the producer is about to book: the booking
/// page and the fair day's page offer "apply" in place of the stalls, come back to the same page, and
/// then show where the application is.
/// </summary>
public class ApplyToFairTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string NewPath(int dayId) => $"/Producer/Bookings/New?day={dayId}";

    private static string ApplyAction(int seriesId) => $"action=\"/Producer/Series?id={seriesId}&amp;handler=Apply\"";

    [Fact]
    public async Task The_booking_page_offers_to_apply_then_says_it_was_sent_and_once_approved_books()
    {
        var (series, dayId) = await ApprovalDayAsync();
        var producer = await CreateProducerAsync(site, Huancavelica);
        var client = await SignedInAsync(site, producer.Email);

        var before = await client.GetStringAsync(NewPath(dayId), Token);
        Assert.Contains(ApplyAction(series.Id), before);
        Assert.Contains($"<input type=\"hidden\" name=\"returnUrl\" value=\"{NewPath(dayId)}\">", before);
        Assert.Contains($"aria-label=\"Solicitar participar en {series.Name}\"", before);
        Assert.DoesNotContain("action=\"/Producer/Bookings/Confirm\"", before);

        // Booking anyway, from an old link, is refused as before and leads back to the same page.
        var refused = await BookAsync(client, dayId);
        Assert.Equal(NewPath(dayId), Target(refused));
        Assert.Equal(0, await BookingsAsync(producer.Id));

        var applied = await ApplyAsync(client, NewPath(dayId), series.Id);
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal(NewPath(dayId), Target(applied));
        var sent = await client.GetStringAsync(NewPath(dayId), Token);
        Assert.Contains("Solicitud enviada: espera la aprobación", sent);
        Assert.DoesNotContain(ApplyAction(series.Id), sent);
        Assert.DoesNotContain("action=\"/Producer/Bookings/Confirm\"", sent);

        await DecideAsync(series.Id, producer.Id, "Approve", reason: null);
        var approved = await client.GetStringAsync(NewPath(dayId), Token);
        Assert.Contains("Solicitud aprobada: ya puede reservar", approved);
        Assert.Contains("action=\"/Producer/Bookings/Confirm\"", approved);
        Assert.DoesNotContain(ApplyAction(series.Id), approved);

        var booked = await BookAsync(client, dayId);
        Assert.StartsWith("/Producer/Bookings/", Target(booked));
        Assert.Equal(1, await BookingsAsync(producer.Id));
    }

    [Fact]
    public async Task A_declined_application_shows_its_reason_on_the_booking_page_with_the_button_again()
    {
        var (series, dayId) = await ApprovalDayAsync();
        var producer = await CreateProducerAsync(site, Huancavelica);
        var client = await SignedInAsync(site, producer.Email);
        await ApplyAsync(client, NewPath(dayId), series.Id);
        const string reason = "Falta el carnet sanitario del puesto.";

        await DecideAsync(series.Id, producer.Id, "Decline", reason);
        var declined = await client.GetStringAsync(NewPath(dayId), Token);

        Assert.Contains($"Solicitud rechazada: {reason}", declined);
        Assert.Contains(ApplyAction(series.Id), declined);
        Assert.DoesNotContain("action=\"/Producer/Bookings/Confirm\"", declined);
        var again = await ApplyAsync(client, NewPath(dayId), series.Id);
        Assert.Equal(NewPath(dayId), Target(again));
        Assert.Equal(SeriesMembershipStatus.Applied, await StatusAsync(series.Id, producer.Id));
        Assert.Contains("Solicitud enviada: espera la aprobación", await client.GetStringAsync(NewPath(dayId), Token));
    }

    [Fact]
    public async Task The_fair_day_page_leads_a_signed_in_producer_to_apply_and_back_while_visitors_keep_the_public_page()
    {
        var (series, dayId) = await ApprovalDayAsync();
        var producer = await CreateProducerAsync(site, Huancavelica);
        var client = await SignedInAsync(site, producer.Email);
        var visitor = site.CreateBrowserClient();
        var fairPage = $"/Fairs/{dayId}";

        var anonymous = await visitor.GetStringAsync(fairPage, Token);
        Assert.Contains($"href=\"{NewPath(dayId)}\"", anonymous);
        Assert.DoesNotContain(ApplyAction(series.Id), anonymous);

        var mine = await client.GetStringAsync(fairPage, Token);
        Assert.Contains(ApplyAction(series.Id), mine);
        Assert.Contains($"<input type=\"hidden\" name=\"returnUrl\" value=\"{fairPage}\">", mine);
        Assert.DoesNotContain("action=\"/Producer/Bookings/Confirm\"", mine);

        var applied = await ApplyAsync(client, fairPage, series.Id);
        Assert.Equal(fairPage, Target(applied));
        Assert.Contains("Solicitud enviada: espera la aprobación", await client.GetStringAsync(fairPage, Token));

        var later = await visitor.GetStringAsync(fairPage, Token);
        Assert.DoesNotContain("Solicitud enviada", later);
        Assert.DoesNotContain(ApplyAction(series.Id), later);
        Assert.Contains($"href=\"{NewPath(dayId)}\"", later);
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task Applying_goes_back_only_to_a_page_of_this_site(string offSite)
    {
        var (series, dayId) = await ApprovalDayAsync();
        var producer = await CreateProducerAsync(site, Huancavelica);
        var client = await SignedInAsync(site, producer.Email);

        var away = await Forms.PostAsync(client, NewPath(dayId), new Dictionary<string, string> { ["returnUrl"] = offSite },
            $"/Producer/Series?id={series.Id}&handler=Apply");
        var back = await ApplyAsync(client, NewPath(dayId), series.Id);

        Assert.Equal("/Producer/Series", Target(away));
        Assert.Equal(NewPath(dayId), Target(back));
        Assert.Equal(SeriesMembershipStatus.Applied, await StatusAsync(series.Id, producer.Id));
    }

    /// <summary>A series needing approval with a day soon whose booking window is open now.</summary>
    private async Task<((int Id, string Name) Series, int DayId)> ApprovalDayAsync()
    {
        var series = await CreateApprovalSeriesAsync(site, Huancavelica);
        var dayId = await site.WithDbAsync(async db =>
        {
            var venueId = await db.FairSeriesStops.Where(s => s.FairSeriesId == series.Id).Select(s => s.VenueId).FirstAsync(Token);
            var now = DateTime.UtcNow;
            var day = new FairDay
            {
                FairSeriesId = series.Id, OccurrenceDate = DateOnly.FromDateTime(now).AddDays(-1), Date = DateOnly.FromDateTime(now),
                StartTime = new TimeOnly(8, 0), EndTime = new TimeOnly(13, 0), VenueId = venueId, Status = FairDayStatus.Scheduled,
                StartsAtUtc = now.AddHours(3), EndsAtUtc = now.AddHours(8),
                BookingOpensAtUtc = now.AddDays(-1), BookingClosesAtUtc = now.AddHours(2),
            };
            db.FairDays.Add(day);
            await db.SaveChangesAsync(Token);
            return day.Id;
        });
        return (series, dayId);
    }

    /// <summary>The form of <paramref name="page"/>, as a tap on its "apply" button sends it.</summary>
    private static Task<HttpResponseMessage> ApplyAsync(HttpClient client, string page, int seriesId) =>
        Forms.PostAsync(client, page, new Dictionary<string, string> { ["returnUrl"] = page },
            $"/Producer/Series?id={seriesId}&handler=Apply");

    private static Task<HttpResponseMessage> BookAsync(HttpClient client, int dayId)
    {
        var day = dayId.ToString(CultureInfo.InvariantCulture);
        var confirm = $"/Producer/Bookings/Confirm?day={day}&stall=&series=false";
        return Forms.PostAsync(client, confirm, new Dictionary<string, string> { ["day"] = day, ["stall"] = "", ["series"] = "false" });
    }

    private async Task DecideAsync(int seriesId, int producerId, string decision, string? reason)
    {
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var id = await site.WithDbAsync(db => db.SeriesMemberships
            .Where(m => m.FairSeriesId == seriesId && m.ProducerId == producerId).Select(m => m.Id).SingleAsync(Token));
        var fields = reason is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Reason"] = reason };
        var decided = await Forms.PostAsync(staff, "/Staff/Applications", fields, $"/Staff/Applications?handler={decision}&id={id}");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
    }

    private Task<SeriesMembershipStatus> StatusAsync(int seriesId, int producerId) =>
        site.WithDbAsync(db => db.SeriesMemberships
            .Where(m => m.FairSeriesId == seriesId && m.ProducerId == producerId).Select(m => m.Status).SingleAsync(Token));

    private Task<int> BookingsAsync(int producerId) =>
        site.WithDbAsync(db => db.Bookings.CountAsync(b => b.ProducerId == producerId && b.Status != BookingStatus.Cancelled, Token));
}
