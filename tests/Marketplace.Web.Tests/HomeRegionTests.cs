using System.Text.RegularExpressions;
using Marketplace.Domain.Fairs;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests;

/// <summary>A site set up for one region (<c>Brand:DefaultRegion</c>): its home page leads with that region's fair days.</summary>
public class HomeRegionTests(HomeRegionTests.HuancavelicaSite site) : IClassFixture<HomeRegionTests.HuancavelicaSite>
{
    public sealed class HuancavelicaSite : MarketplaceFactory
    {
        protected override void ConfigureMore(IWebHostBuilder builder) =>
            builder.UseSetting("Brand:DefaultRegion", "huancavelica");
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("es", "Próximas ferias en Huancavelica", "En otras regiones")]
    [InlineData("pt-BR", "Próximas feiras: Huancavelica", "Em outras regiões")]
    [InlineData("en", "Coming fair days in Huancavelica", "In other regions")]
    public async Task The_home_page_leads_with_its_regions_fair_days_soonest_first_and_then_other_regions_under_a_heading(
        string language, string heading, string othersHeading)
    {
        var regions = await site.WithDbAsync(db => db.Regions.ToDictionaryAsync(r => r.Code, r => r.Id, Token));
        var huancavelica = regions["huancavelica"];
        var now = DateTime.UtcNow;
        var own = await site.WithDbAsync(db => db.FairDays
            .Where(d => d.EndsAtUtc >= now && d.Status != FairDayStatus.Skipped && d.Venue!.Municipality!.RegionId == huancavelica)
            .OrderBy(d => d.StartsAtUtc).ThenBy(d => d.Id)
            .Select(d => d.Id).Take(12).ToListAsync(Token));
        var client = site.CreateBrowserClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var html = await client.GetStringAsync("/", Token);
        AssertLeadsWithOwnRegion(html, heading, othersHeading, own, huancavelica, regions["parana"]);
    }

    /// <summary>Without <c>Brand:DefaultRegion</c> the page wears the first region's brand, and leads with its days too.</summary>
    [Fact]
    public async Task A_site_without_a_configured_region_leads_with_the_region_whose_brand_it_wears()
    {
        await using var plain = new MarketplaceFactory();
        var regions = await plain.WithDbAsync(db => db.Regions.OrderBy(r => r.Id).ToDictionaryAsync(r => r.Code, r => r.Id, Token));
        var first = await plain.WithDbAsync(db => db.Regions.OrderBy(r => r.Id).Select(r => r.Code).FirstAsync(Token));
        Assert.Equal("huancavelica", first);
        var now = DateTime.UtcNow;
        var own = await plain.WithDbAsync(db => db.FairDays
            .Where(d => d.EndsAtUtc >= now && d.Status != FairDayStatus.Skipped && d.Venue!.Municipality!.RegionId == regions[first])
            .OrderBy(d => d.StartsAtUtc).ThenBy(d => d.Id)
            .Select(d => d.Id).Take(12).ToListAsync(Token));
        var client = plain.CreateBrowserClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        var html = await client.GetStringAsync("/", Token);

        AssertLeadsWithOwnRegion(html, "Próximas ferias en Huancavelica", "En otras regiones", own, regions[first], regions["parana"]);
    }

    private static void AssertLeadsWithOwnRegion(string html, string heading, string othersHeading, List<int> own,
        int huancavelica, int parana)
    {
        var others = html.IndexOf("<h2 id=\"other-regions\">", StringComparison.Ordinal);
        Assert.True(others > 0, "no heading of the other regions");
        var first = html[..others];
        var rest = html[others..];
        Assert.Contains(heading, first);
        Assert.Equal(own, Regex.Matches(first, "href=\"/Fairs/([0-9]+)\"").Select(m => int.Parse(m.Groups[1].Value)).ToList());
        Assert.Contains($"href=\"/Fairs?region={huancavelica}\"", first);
        Assert.DoesNotContain("Feira de Beira de Estrada da PR-445", first);
        Assert.Contains(othersHeading, rest);
        Assert.Contains(">Paraná</h3>", rest);
        Assert.Contains("Feira de Beira de Estrada da PR-445", rest);
        Assert.Contains($"href=\"/Fairs?region={parana}\"", rest);
    }
}
