using System.Net;
using Marketplace.Domain.Fairs;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests;

public class HomePageTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    [Fact]
    public async Task Home_lists_the_seeded_coming_fair_days_with_links_to_each()
    {
        var client = site.CreateBrowserClient();
        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        var next = await site.WithDbAsync(db => db.FairDays
            .Where(d => d.Status == FairDayStatus.Scheduled && d.EndsAtUtc > DateTime.UtcNow)
            .OrderBy(d => d.StartsAtUtc).ThenBy(d => d.Id)
            .Select(d => new { d.Id, SeriesName = d.FairSeries!.Name })
            .FirstAsync());
        Assert.Contains("<html lang=\"es\">", html);
        Assert.Contains($"href=\"/Fairs/{next.Id}\"", html);
        Assert.Contains(next.SeriesName, html);
        Assert.Contains("Feria Ecológica Itinerante de Huancavelica", html);
        Assert.Contains("Feira de Beira de Estrada da PR-445", html);
    }

    [Theory]
    [InlineData("pt-BR", "Próximas feiras")]
    [InlineData("en", "Coming fair days")]
    [InlineData("es", "Próximas ferias")]
    public async Task Home_speaks_the_language_the_browser_asks_for(string language, string heading)
    {
        var client = site.CreateBrowserClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains($"<html lang=\"{language}\">", html);
        Assert.Contains(heading, html);
    }

    [Fact]
    public async Task The_language_switch_is_a_link_remembered_in_a_cookie()
    {
        var client = site.CreateBrowserClient();
        var switched = await client.GetAsync("/Culture?culture=en&returnUrl=%2FFairs", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/Fairs", switched.Headers.Location?.OriginalString);

        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("<html lang=\"en\">", html);
    }

    [Fact]
    public async Task The_language_switch_never_redirects_off_site()
    {
        var client = site.CreateBrowserClient();
        var switched = await client.GetAsync("/Culture?culture=pt-BR&returnUrl=https%3A%2F%2Fevil.example", TestContext.Current.CancellationToken);
        Assert.Equal("/", switched.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        var client = site.CreateBrowserClient();
        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Fair_search_ignores_a_malformed_date_instead_of_failing()
    {
        var client = site.CreateBrowserClient();
        var response = await client.GetAsync("/Fairs?from=yesterday&page=abc&municipality=x", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Fair_search_filters_by_municipality()
    {
        var londrina = await site.WithDbAsync(db => db.Municipalities.SingleAsync(m => m.Code == "BR-4113700"));
        var client = site.CreateBrowserClient();
        var html = await client.GetStringAsync($"/Fairs?municipality={londrina.Id}", TestContext.Current.CancellationToken);

        Assert.Contains("Feira de Beira de Estrada da PR-445", html);
        Assert.DoesNotContain("Feria Ecológica Itinerante de Huancavelica", html);
    }
}
