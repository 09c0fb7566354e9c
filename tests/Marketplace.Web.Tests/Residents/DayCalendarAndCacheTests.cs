using System.Net;
using System.Text.RegularExpressions;
using Ical.Net;
using Marketplace.Domain.Fairs;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Residents;

/// <summary>"Add to my calendar" for one fair day, the map hooks, and the public output cache.</summary>
public partial class DayCalendarAndCacheTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private Task<FairDay> ScheduledDayAsync(int skip) => site.WithDbAsync(db => db.FairDays
        .Where(d => d.Status == FairDayStatus.Scheduled).OrderBy(d => d.StartsAtUtc).Skip(skip).FirstAsync());

    [Fact]
    public async Task A_fair_days_ics_has_the_feeds_uid_and_sequence_and_follows_a_cancellation()
    {
        var day = await ScheduledDayAsync(1);
        var client = site.CreateBrowserClient();

        var response = await client.GetAsync($"/Fairs/{day.Id}/calendar.ics", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var single = Assert.Single(Calendar.Load(await response.Content.ReadAsStringAsync(Token))!.Events);
        var feed = Calendar.Load(await client.GetStringAsync("/calendar.ics", Token))!;
        var inFeed = feed.Events.Single(e => e.Uid == single.Uid);
        Assert.Equal($"fairday-{day.Id}@localhost", single.Uid);
        Assert.Equal(inFeed.Sequence, single.Sequence);
        Assert.Equal(inFeed.DtStart, single.DtStart);
        Assert.False(string.IsNullOrEmpty(single.DtStart!.TzId), "local time with its zone");

        await site.WithDbAsync(async db =>
        {
            var tracked = await db.FairDays.SingleAsync(d => d.Id == day.Id);
            tracked.Cancel("Huaico en la carretera");
            await db.SaveChangesAsync();
        });

        var after = Assert.Single(Calendar.Load(await client.GetStringAsync($"/Fairs/{day.Id}/calendar.ics", Token))!.Events);
        Assert.Equal(single.Uid, after.Uid);
        Assert.Equal(single.Sequence + 1, after.Sequence);
        Assert.Equal("CANCELLED", after.Status);
        Assert.Equal("Huaico en la carretera", after.Description);
    }

    [Fact]
    public async Task An_unknown_fair_days_ics_is_404()
    {
        var client = site.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Fairs/987654/calendar.ics", Token)).StatusCode);
    }

    [Fact]
    public async Task The_fair_day_page_links_its_ics_and_has_a_map_that_waits_for_javascript()
    {
        var day = await site.WithDbAsync(db => db.FairDays.Include(d => d.Venue)
            .Where(d => d.Status == FairDayStatus.Scheduled).OrderBy(d => d.StartsAtUtc).FirstAsync());
        var client = site.CreateBrowserClient();

        var html = await client.GetStringAsync($"/Fairs/{day.Id}", Token);

        Assert.Contains($"href=\"/Fairs/{day.Id}/calendar.ics\"", html);
        Assert.Contains("id=\"fair-map\" class=\"map\" hidden", html);
        Assert.Contains($"data-lat=\"{day.Venue!.Latitude.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"", html);
        Assert.Contains("<script src=\"/js/fair-map.", html);
        // Leaflet's own files load only from the script, never as page CSS.
        Assert.DoesNotContain("leaflet.css", html);
    }

    [Fact]
    public async Task The_search_map_asks_the_api_for_the_same_search_as_geojson()
    {
        var client = site.CreateBrowserClient();
        var html = await client.GetStringAsync("/Fairs?weekday=sat&time=morning", Token);

        var url = System.Net.WebUtility.HtmlDecode(MapData().Match(html).Groups[1].Value);
        Assert.StartsWith("/api/fairs?", url);
        Assert.Contains("weekday=sat", url);
        Assert.Contains("time=morning", url);
        Assert.Contains("format=geojson", url);
        var geo = await client.GetStringAsync(url, Token);
        using var doc = System.Text.Json.JsonDocument.Parse(geo);
        Assert.Equal(Regex.Matches(html, "<a class=\"when\" href=\"/Fairs/").Count,
            doc.RootElement.GetProperty("features").GetArrayLength());
    }

    [Fact]
    public async Task Anonymous_pages_are_cached_per_culture_and_evicted_when_a_fair_day_changes()
    {
        var day = await ScheduledDayAsync(4);
        var client = site.CreateBrowserClient();
        var path = $"/Fairs/{day.Id}";

        var first = await client.GetAsync(path, Token);
        var second = await client.GetAsync(path, Token);
        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age);
        Assert.False(second.Headers.Contains("Set-Cookie"));
        var english = await client.GetStringAsync(path + "?culture=en", Token);
        Assert.Contains("lang=\"en\"", english);
        var englishCookie = new HttpRequestMessage(HttpMethod.Get, path);
        englishCookie.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        Assert.Contains("lang=\"en\"", await (await client.SendAsync(englishCookie, Token)).Content.ReadAsStringAsync(Token));

        await site.WithDbAsync(async db =>
        {
            var tracked = await db.FairDays.SingleAsync(d => d.Id == day.Id);
            tracked.Cancel("Elecciones municipales");
            await db.SaveChangesAsync();
        });

        var after = await client.GetAsync(path, Token);
        Assert.Null(after.Headers.Age);
        Assert.Contains("Elecciones municipales", await after.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task The_subscribe_form_is_never_cached_and_each_visit_gets_its_own_antiforgery_token()
    {
        var one = await site.CreateBrowserClient().GetAsync("/Subscribe", Token);
        var two = await site.CreateBrowserClient().GetAsync("/Subscribe", Token);

        Assert.Null(two.Headers.Age);
        var first = AntiforgeryField().Match(await one.Content.ReadAsStringAsync(Token)).Groups[1].Value;
        var second = AntiforgeryField().Match(await two.Content.ReadAsStringAsync(Token)).Groups[1].Value;
        Assert.NotEmpty(first);
        Assert.NotEqual(first, second);
    }

    [GeneratedRegex("data-geojson=\"([^\"]+)\"")]
    private static partial Regex MapData();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
