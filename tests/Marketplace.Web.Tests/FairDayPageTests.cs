using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests;

public class FairDayPageTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    [Fact]
    public async Task A_fair_day_shows_its_venue_hours_stalls_and_structured_data()
    {
        var day = await site.WithDbAsync(db => db.FairDays
            .Include(d => d.Venue)
            .Where(d => d.Status == FairDayStatus.Scheduled && db.Bookings.Any(b => b.FairDayId == d.Id))
            .OrderBy(d => d.StartsAtUtc)
            .FirstAsync());
        var stallCount = await site.WithDbAsync(db => db.Stalls.CountAsync(s => s.VenueId == day.VenueId));
        var taken = await site.WithDbAsync(db => db.Bookings.CountAsync(b => b.FairDayId == day.Id && b.StallId != null
            && Booking.HoldingStatuses.Contains(b.Status)));

        var client = site.CreateBrowserClient();
        var response = await client.GetAsync($"/Fairs/{day.Id}", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(day.Venue!.Name, html);
        Assert.Equal(stallCount, Regex.Matches(html, "<li class=\"(free|taken)\">").Count);
        Assert.Equal(taken, Regex.Matches(html, "<li class=\"taken\">").Count);
        var json = Regex.Match(html, "<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(json.Success, "no JSON-LD block");
        using var data = JsonDocument.Parse(json.Groups[1].Value);
        Assert.Equal("Event", data.RootElement.GetProperty("@type").GetString());
        Assert.Equal("https://schema.org/EventScheduled", data.RootElement.GetProperty("eventStatus").GetString());
        Assert.Equal(day.Venue.Latitude, data.RootElement.GetProperty("location").GetProperty("geo").GetProperty("latitude").GetDouble());
    }

    [Theory]
    [InlineData("/Fairs/987654")]
    [InlineData("/Fairs/0")]
    [InlineData("/Fairs/not-a-number")]
    public async Task An_unknown_fair_day_is_a_404_page(string path)
    {
        var client = site.CreateBrowserClient();
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Página no encontrada", html);
    }

    [Fact]
    public async Task A_cancelled_fair_day_stays_visible_and_says_why()
    {
        var id = await site.WithDbAsync(async db =>
        {
            var day = await db.FairDays.Where(d => d.Status == FairDayStatus.Scheduled)
                .OrderByDescending(d => d.StartsAtUtc).FirstAsync();
            day.Cancel("Lluvias intensas en la zona");
            await db.SaveChangesAsync();
            return day.Id;
        });

        var client = site.CreateBrowserClient();
        var html = await client.GetStringAsync($"/Fairs/{id}", TestContext.Current.CancellationToken);

        Assert.Contains("Cancelada", html);
        Assert.Contains("Lluvias intensas en la zona", html);
        Assert.Contains("https://schema.org/EventCancelled", html);
    }
}
