using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests;

public class AboutPageTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    [Theory]
    [InlineData("es", "Acerca de este sitio")]
    [InlineData("pt-BR", "Sobre este site")]
    [InlineData("en", "About this site")]
    public async Task About_is_static_text_in_the_visitors_language_inside_the_site_layout(string language, string heading)
    {
        var client = site.CreateBrowserClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var html = await client.GetStringAsync("/About", TestContext.Current.CancellationToken);

        Assert.Contains($"<html lang=\"{language}\">", html);
        Assert.Contains($"<h1>{heading}</h1>", html);
        Assert.Contains("<main id=\"main\"", html);
    }

    [Fact]
    public async Task Every_page_links_to_about_from_the_footer()
    {
        var client = site.CreateBrowserClient();
        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        var footer = html[html.IndexOf("<footer", StringComparison.Ordinal)..];
        Assert.Contains("<a href=\"/About\">Acerca de este sitio</a>", footer);
    }
}
