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
        Assert.Contains($"href=\"/Fairs?region={regions["parana"]}\"", rest);
    }
}
