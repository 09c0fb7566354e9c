using System.Net;
using System.Text.Json;
using Ical.Net;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Fairs;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests;

/// <summary>/calendar.ics, /api/fairs and /Producers/{id}: what outside tools and residents read.</summary>
public class PublicFeedsTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    [Fact]
    public async Task The_calendar_feed_is_rfc5545_with_stable_uids_sequences_and_cancelled_days()
    {
        var cancelled = await site.WithDbAsync(async db =>
        {
            var day = await db.FairDays.Where(d => d.Status == FairDayStatus.Scheduled)
                .OrderBy(d => d.StartsAtUtc).Skip(2).FirstAsync();
            day.Cancel("Paro de transportistas");
            await db.SaveChangesAsync();
            return day;
        });

        var client = site.CreateBrowserClient();
        var response = await client.GetAsync("/calendar.ics", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = Calendar.Load(text)!;
        Assert.NotEmpty(calendar.Events);
        var item = calendar.Events.Single(e => e.Uid == $"fairday-{cancelled.Id}@localhost");
        Assert.Equal("CANCELLED", item.Status);
        Assert.Equal(1, item.Sequence);
        Assert.Contains(calendar.TimeZones, z => z.TzId == "America/Lima");
        Assert.Contains("DTSTART;TZID=America/Lima:", text);
    }

    [Fact]
    public async Task The_calendar_feed_takes_the_search_filters()
    {
        var londrina = await site.WithDbAsync(db => db.Municipalities.SingleAsync(m => m.Code == "BR-4113700"));
        var client = site.CreateBrowserClient();

        var text = await client.GetStringAsync($"/calendar.ics?municipality={londrina.Id}", TestContext.Current.CancellationToken);

        var calendar = Calendar.Load(text)!;
        Assert.NotEmpty(calendar.Events);
        Assert.All(calendar.Events, e => Assert.Equal("Feira de Beira de Estrada da PR-445", e.Summary));
    }

    [Fact]
    public async Task The_api_lists_coming_fair_days_with_paging_and_filters()
    {
        var client = site.CreateBrowserClient();
        var json = await client.GetStringAsync("/api/fairs?pageSize=5", TestContext.Current.CancellationToken);

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("page").GetInt32());
        Assert.True(root.GetProperty("total").GetInt32() > 5);
        var items = root.GetProperty("items");
        Assert.Equal(5, items.GetArrayLength());
        var first = items[0];
        Assert.StartsWith("http", first.GetProperty("url").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", first.GetProperty("date").GetString()!);
        Assert.True(first.GetProperty("venue").TryGetProperty("latitude", out _));
    }

    [Fact]
    public async Task The_api_answers_geojson_for_maps_and_refuses_bad_filters_with_400()
    {
        var client = site.CreateBrowserClient();
        var geo = await client.GetAsync("/api/fairs?format=geojson&near=-12.7864,-74.9760&km=5", TestContext.Current.CancellationToken);
        using var doc = JsonDocument.Parse(await geo.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("FeatureCollection", doc.RootElement.GetProperty("type").GetString());
        var features = doc.RootElement.GetProperty("features");
        Assert.True(features.GetArrayLength() > 0);
        Assert.All(features.EnumerateArray(), f =>
            Assert.Equal("Plaza de Armas de Huancavelica", f.GetProperty("properties").GetProperty("venue").GetProperty("name").GetString()));

        var bad = await client.GetAsync("/api/fairs?from=ayer&near=nowhere", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Organic_only_keeps_the_days_where_a_producer_with_a_valid_verified_badge_comes()
    {
        var (producerId, dayIds) = await site.WithDbAsync(async db =>
        {
            var producer = await db.Producers.SingleAsync(p => p.DisplayName == "Truchas Choclococha");
            db.Certifications.Add(new Certification
            {
                ProducerId = producer.Id, Kind = CertificationKind.ThirdPartyOrganic, Certifier = "Control Union",
                Code = "CU-1", ValidFrom = new DateOnly(2026, 1, 1), ValidTo = new DateOnly(2027, 12, 31),
                Status = CertificationStatus.Verified, CreatedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            var days = await db.Bookings.Where(b => b.ProducerId == producer.Id).Select(b => b.FairDayId).ToListAsync();
            return (producer.Id, days);
        });
        var client = site.CreateBrowserClient();

        var json = await client.GetStringAsync("/api/fairs?organic=true&pageSize=100", TestContext.Current.CancellationToken);

        using var doc = JsonDocument.Parse(json);
        var ids = doc.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Contains(id, dayIds));

        var page = await client.GetStringAsync($"/Producers/{producerId}", TestContext.Current.CancellationToken);
        Assert.Contains("Orgánico certificado", page);
    }

    [Fact]
    public async Task A_producer_page_shows_only_public_fields_and_its_coming_fair_days()
    {
        var producer = await site.WithDbAsync(async db =>
        {
            var p = await db.Producers.SingleAsync(x => x.DisplayName == "Familia Quispe Huamán");
            p.Phone = "+51 999 111 222";
            p.IsPhonePublic = false;
            p.Story = "Arvejas frescas de Ascensión.";
            p.IsStoryPublic = true;
            await db.SaveChangesAsync();
            return p;
        });
        var client = site.CreateBrowserClient();

        var html = await client.GetStringAsync($"/Producers/{producer.Id}", TestContext.Current.CancellationToken);

        Assert.Contains("Familia Quispe Huamán", html);
        Assert.Contains("Arvejas frescas de Ascensión.", html);
        Assert.DoesNotContain("999 111 222", html);
        Assert.Contains("href=\"/Fairs/", html);
        Assert.Equal(HttpStatusCode.NotFound,
            (await client.GetAsync("/Producers/999999", TestContext.Current.CancellationToken)).StatusCode);
    }
}
