using System.Net;
using System.Text.Json;
using Ical.Net;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Fairs;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Residents;

/// <summary>The weekday and time-of-day filters, product tags and badges, and what a bad query value does.</summary>
public class FairSearchTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<List<JsonElement>> ApiItemsAsync(string query)
    {
        var client = site.CreateBrowserClient();
        var json = await client.GetStringAsync($"/api/fairs?pageSize=100&{query}", Token);
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("items").EnumerateArray().Select(i => i.Clone()).ToList();
    }

    [Fact]
    public async Task The_weekday_filter_keeps_the_days_held_on_those_local_weekdays()
    {
        var saturdays = await ApiItemsAsync("weekday=sat");
        var sundays = await ApiItemsAsync("weekday=7");
        var weekend = await ApiItemsAsync("weekday=sat&weekday=sun");
        var wednesdays = await ApiItemsAsync("weekday=wednesday");

        Assert.NotEmpty(saturdays);
        Assert.NotEmpty(sundays);
        Assert.All(saturdays, i => Assert.Equal(DayOfWeek.Saturday, DateOnly.Parse(i.GetProperty("date").GetString()!).DayOfWeek));
        Assert.All(sundays, i => Assert.Equal(DayOfWeek.Sunday, DateOnly.Parse(i.GetProperty("date").GetString()!).DayOfWeek));
        Assert.Equal(Math.Min(100, saturdays.Count + sundays.Count), weekend.Count);
        // Only the Paraná roadside market opens on Wednesdays.
        Assert.NotEmpty(wednesdays);
        Assert.All(wednesdays, i => Assert.Equal("Feira de Beira de Estrada da PR-445", i.GetProperty("series").GetString()));
    }

    [Fact]
    public async Task The_time_of_day_filter_reads_the_local_start_time_not_the_utc_one()
    {
        // 11:30 in Lima is 16:30 UTC: still a morning fair for the people who go there.
        // 18:30 in Lima is the evening.
        var (lateMorning, evening) = await site.WithDbAsync(async db =>
        {
            var days = await db.FairDays.Include(d => d.FairSeries).Include(d => d.Venue).ThenInclude(v => v!.Municipality)
                .Where(d => d.Status == FairDayStatus.Scheduled && d.Venue!.Municipality!.TimeZoneId == "America/Lima")
                .OrderBy(d => d.StartsAtUtc).Skip(3).Take(2).ToListAsync();
            foreach (var (day, start, end) in new[] { (days[0], new TimeOnly(11, 30), new TimeOnly(15, 0)), (days[1], new TimeOnly(18, 30), new TimeOnly(21, 0)) })
            {
                day.Move(day.FairSeries!, day.Date, day.VenueId, start, end, day.Venue!.Municipality!.Clock());
            }
            await db.SaveChangesAsync();
            return (days[0].Id, days[1].Id);
        });

        var morning = (await ApiItemsAsync("time=morning")).Select(i => i.GetProperty("id").GetInt32()).ToList();
        var afternoon = (await ApiItemsAsync("time=afternoon")).Select(i => i.GetProperty("id").GetInt32()).ToList();
        var evenings = (await ApiItemsAsync("time=evening")).Select(i => i.GetProperty("id").GetInt32()).ToList();
        var late = (await ApiItemsAsync("time=afternoon,evening")).Select(i => i.GetProperty("id").GetInt32()).ToList();

        Assert.Contains(lateMorning, morning);
        Assert.DoesNotContain(lateMorning, afternoon);
        Assert.Equal(evening, Assert.Single(evenings));
        Assert.DoesNotContain(evening, morning);
        Assert.Equal(afternoon.Count + 1, late.Count);

        var client = site.CreateBrowserClient();
        var feed = Calendar.Load(await client.GetStringAsync("/calendar.ics?time=evening", Token))!;
        Assert.Equal($"fairday-{evening}@localhost", Assert.Single(feed.Events).Uid);
        var page = await client.GetStringAsync("/Fairs?time=evening", Token);
        Assert.Contains($"href=\"/Fairs/{evening}\"", page);
        Assert.Contains("value=\"evening\" checked", page);
    }

    [Fact]
    public async Task The_calendar_feed_takes_the_weekday_filter_and_refuses_a_bad_one()
    {
        var client = site.CreateBrowserClient();
        var feed = Calendar.Load(await client.GetStringAsync("/calendar.ics?weekday=wed", Token))!;
        Assert.NotEmpty(feed.Events);
        Assert.All(feed.Events, e => Assert.Equal(DayOfWeek.Wednesday, e.DtStart!.Date.DayOfWeek));

        var bad = await client.GetAsync("/calendar.ics?weekday=someday", Token);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task The_region_filter_keeps_that_regions_days_alike_in_the_search_the_feed_and_the_open_data()
    {
        var parana = await site.WithDbAsync(db => db.Regions.Where(r => r.Code == "parana").Select(r => r.Id).SingleAsync(Token));
        var paranaDays = await site.WithDbAsync(db => db.FairDays
            .Where(d => d.Venue!.Municipality!.RegionId == parana).Select(d => d.Id).ToListAsync(Token));
        var client = site.CreateBrowserClient();

        var page = await client.GetStringAsync($"/Fairs?region={parana}", Token);
        var api = await ApiItemsAsync($"region={parana}");
        var feed = Calendar.Load(await client.GetStringAsync($"/calendar.ics?region={parana}", Token))!;

        Assert.Contains("Feira de Beira de Estrada da PR-445", page);
        Assert.DoesNotContain("Feria Ecológica Itinerante de Huancavelica", page);
        Assert.Contains($"<option value=\"{parana}\" selected=\"selected\">", page);
        Assert.NotEmpty(api);
        Assert.All(api, i => Assert.Contains(i.GetProperty("id").GetInt32(), paranaDays));
        Assert.NotEmpty(feed.Events);
        Assert.All(feed.Events, e => Assert.Equal("Feira de Beira de Estrada da PR-445", e.Summary));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/calendar.ics?region=parana", Token)).StatusCode);
    }

    [Theory]
    [InlineData("region=parana", "region")]
    [InlineData("weekday=funday", "weekday")]
    [InlineData("weekday=0", "weekday")]
    [InlineData("time=night", "time")]
    [InlineData("km=-5", "km")]
    [InlineData("page=0", "page")]
    [InlineData("page=99999999999", "page")]
    [InlineData("organic=yes", "organic")]
    [InlineData("municipality=1%20OR%201%3D1", "municipality")]
    public async Task The_api_refuses_malformed_filters_with_400_naming_the_field(string query, string field)
    {
        var client = site.CreateBrowserClient();
        var response = await client.GetAsync($"/api/fairs?{query}", Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.True(doc.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Malformed_values_on_the_page_are_ignored_with_a_note_and_the_rest_of_the_search_applies()
    {
        var londrina = await site.WithDbAsync(db => db.Municipalities.SingleAsync(m => m.Code == "BR-4113700"));
        var client = site.CreateBrowserClient();
        var query = $"municipality={londrina.Id}&from=ayer&to=2026-13-45&weekday=funday&time=night&near=999,999&km=abc"
            + "&page=99999999999&organic=maybe&corridor=-3&q=" + Uri.EscapeDataString(new string('x', 300));

        var response = await client.GetAsync($"/Fairs?{query}", Token);
        var html = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var value in new[] { "ayer", "2026-13-45", "funday", "night", "999,999", "abc", "99999999999", "maybe", "-3" })
        {
            Assert.Contains($"(valor «{value}»)", html);
        }
        Assert.Contains("filtro «Buscar»", html);
        Assert.Contains("Feira de Beira de Estrada da PR-445", html);
        Assert.DoesNotContain("Feria Ecológica Itinerante de Huancavelica", html);
    }

    [Theory]
    [InlineData("q=%27%3B%20DROP%20TABLE%20FairDays%3B--")]
    [InlineData("q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("from=2026-12-31&to=2026-12-01")]
    [InlineData("near=-12.78,-74.97&km=1e308")]
    [InlineData("near=NaN,NaN")]
    [InlineData("weekday=sat,,sun,&time=")]
    public async Task Odd_queries_never_break_the_page(string query)
    {
        var client = site.CreateBrowserClient();
        var response = await client.GetAsync($"/Fairs?{query}", Token);
        var html = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.True(await site.WithDbAsync(db => db.FairDays.AnyAsync()));
    }

    [Fact]
    public async Task The_result_list_shows_product_tags_and_the_organic_badge_of_the_producers_booked()
    {
        var (dayId, category) = await site.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var booking = await db.Bookings
                .Where(b => Booking.HoldingStatuses.Contains(b.Status) && b.FairDay!.Status == FairDayStatus.Scheduled
                    && b.FairDay.StartsAtUtc > now && db.ProducerProducts.Any(pp => pp.ProducerId == b.ProducerId))
                .OrderBy(b => b.FairDay!.StartsAtUtc).FirstAsync();
            var category = await db.ProducerProducts.Where(pp => pp.ProducerId == booking.ProducerId)
                .Select(pp => pp.ProductCategory!).FirstAsync();
            db.Certifications.Add(new Certification
            {
                ProducerId = booking.ProducerId, Kind = CertificationKind.ParticipatoryGuarantee, GroupName = "SGP Huancavelica",
                ValidFrom = new DateOnly(2026, 1, 1), ValidTo = new DateOnly(2028, 12, 31),
                Status = CertificationStatus.Verified, CreatedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            return (booking.FairDayId, category);
        });
        var client = site.CreateBrowserClient();

        var html = await client.GetStringAsync($"/Fairs?product={category.Id}", Token);

        var start = html.IndexOf($"href=\"/Fairs/{dayId}\"", StringComparison.Ordinal);
        Assert.True(start > 0, "the booked day is among the results");
        var item = html[start..];
        item = item[..item.IndexOf("</li>", StringComparison.Ordinal)];
        Assert.Contains(category.NameEs, item);
        Assert.Contains("Orgánico certificado", item);
    }

    [Fact]
    public async Task The_search_form_offers_weekdays_times_and_a_near_me_button_that_needs_javascript()
    {
        var client = site.CreateBrowserClient();
        var html = await client.GetStringAsync("/Fairs?weekday=sat", Token);

        Assert.Contains("name=\"weekday\" value=\"sat\" checked", html);
        Assert.Contains("name=\"weekday\" value=\"mon\"", html);
        Assert.Contains("name=\"time\" value=\"morning\"", html);
        Assert.Contains("id=\"near-me\" class=\"link\" hidden", html);
        Assert.Contains("<script src=\"/js/near-me.", html);
    }
}
