using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Marketplace.Infrastructure.Bookings;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Web.Tests.BookingPages.BookingPagesSite;

namespace Marketplace.Web.Tests.BookingPages;

/// <summary>The producer's private iCalendar feed: a secret URL shown on the dashboard, revocable.</summary>
public class CalendarFeedTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string FeedPath(string html)
    {
        var match = Regex.Match(html, "id=\"feed-url\" readonly value=\"https?://[^/\"]+(/feeds/producer/[A-Za-z0-9_-]{43}\\.ics)\"");
        Assert.True(match.Success, "no feed address on the page");
        return match.Groups[1].Value;
    }

    [Fact]
    public async Task The_feed_lists_the_producers_bookings_as_events_in_the_venue_time_zone()
    {
        var producer = await NewProducerAsync(site);
        var day = await BookableDayAsync(site);
        BookingOutcome outcome;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            outcome = await scope.ServiceProvider.GetRequiredService<BookingDesk>()
                .BookAsync(new BookingRequest(day.Id, producer.Id, null), Token);
        }
        var client = await SignInAsync(site, producer);

        var dashboard = await client.GetStringAsync("/Producer", Token);
        var path = FeedPath(dashboard);
        Assert.Equal(path, FeedPath(await client.GetStringAsync("/Producer/Calendar", Token)));

        // A calendar app has no cookie.
        var response = await site.CreateBrowserClient().GetAsync(path, Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Contains($"UID:booking-{outcome.BookingId}@marketplace", text);
        var zone = day.Venue!.Municipality!.TimeZoneId;
        Assert.Contains($"DTSTART;TZID={zone}:", text);
        Assert.Contains("BEGIN:VTIMEZONE", text);
        Assert.Contains($"TZID:{zone}", text);
        var calendar = Ical.Net.Calendar.Load(text)!;
        var calendarEvent = Assert.Single(calendar.Events);
        Assert.Equal(day.FairSeries!.Name, calendarEvent.Summary);
        Assert.Contains(day.Venue.Name, calendarEvent.Location);
        Assert.Equal(day.Sequence, calendarEvent.Sequence);
        Assert.Equal(day.Date, calendarEvent.DtStart!.Date);
        Assert.Equal(day.StartTime, calendarEvent.DtStart.Time);
        Assert.Equal(zone, calendarEvent.DtStart.TzId);
    }

    [Fact]
    public async Task Revoking_the_feed_makes_a_new_address_and_the_old_one_a_404()
    {
        var producer = await NewProducerAsync(site);
        var client = await SignInAsync(site, producer);
        var oldPath = FeedPath(await client.GetStringAsync("/Producer", Token));
        Assert.Equal(HttpStatusCode.OK, (await site.CreateBrowserClient().GetAsync(oldPath, Token)).StatusCode);

        var posted = await Forms.PostAsync(client, "/Producer/Calendar", new Dictionary<string, string>(), "/Producer/Calendar?handler=Revoke");
        var (_, html) = await FollowAsync(client, posted);
        var newPath = FeedPath(html);

        Assert.Contains("Dirección revocada", html);
        Assert.NotEqual(oldPath, newPath);
        Assert.Equal(HttpStatusCode.NotFound, (await site.CreateBrowserClient().GetAsync(oldPath, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.CreateBrowserClient().GetAsync(newPath, Token)).StatusCode);
        Assert.Equal(newPath, FeedPath(await client.GetStringAsync("/Producer", Token)));
    }

    [Fact]
    public async Task The_database_keeps_only_the_feed_tokens_hash_and_its_encrypted_copy()
    {
        var producer = await NewProducerAsync(site);
        var client = await SignInAsync(site, producer);
        var path = FeedPath(await client.GetStringAsync("/Producer/Calendar", Token));
        var token = path["/feeds/producer/".Length..^".ics".Length];

        var stored = await site.WithDbAsync(db => db.Producers.Where(p => p.Id == producer.Id)
            .Select(p => new { p.CalendarTokenHash, p.CalendarTokenCipher }).SingleAsync(Token));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))), stored.CalendarTokenHash);
        Assert.NotNull(stored.CalendarTokenCipher);
        Assert.DoesNotContain(token, stored.CalendarTokenCipher);
        // Nowhere in the file in the clear, not even in a page the WAL still holds.
        var bytes = Encoding.UTF8.GetBytes(token);
        foreach (var file in new[] { site.DatabasePath, site.DatabasePath + "-wal" }.Where(File.Exists))
        {
            using var copy = new MemoryStream();
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                await stream.CopyToAsync(copy, Token);
            }
            Assert.True(copy.ToArray().AsSpan().IndexOf(bytes) < 0, $"the token is in {Path.GetFileName(file)} in the clear");
        }
        // The page shows the same address again, and it opens the feed.
        Assert.Equal(path, FeedPath(await client.GetStringAsync("/Producer", Token)));
        Assert.Equal(HttpStatusCode.OK, (await site.CreateBrowserClient().GetAsync(path, Token)).StatusCode);
    }

    [Theory]
    [InlineData("/feeds/producer/not-a-token.ics")]
    [InlineData("/feeds/producer/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics")]
    public async Task An_unknown_feed_token_is_a_404(string path)
    {
        var response = await site.CreateBrowserClient().GetAsync(path, Token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
