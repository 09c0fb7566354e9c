using Microsoft.Playwright;

namespace Marketplace.Browser.Tests;

/// <summary>A resident, without JavaScript, finds the coming fairs and opens one.</summary>
public class HomeJourneyTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task The_home_page_shows_the_seeded_fair_days_and_opens_one()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/");

        Assert.Equal("es", await page.GetAttributeAsync("html", "lang"));
        var days = page.Locator("ul.days > li");
        Assert.True(await days.CountAsync() >= 5, "expected the coming fair days on the home page");
        var text = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Feria Ecológica Itinerante de Huancavelica", text);

        var first = days.First.Locator("a.when");
        var href = await first.GetAttributeAsync("href");
        Assert.Matches("^/Fairs/[0-9]+$", href!);
        await first.ClickAsync();

        await page.WaitForURLAsync($"**{href}");
        Assert.True(await page.Locator("ul.stalls > li").CountAsync() > 0, "the fair day shows its stalls");
        Assert.Equal(1, await page.Locator("script[type='application/ld+json']").CountAsync());
        var screenshot = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        Assert.True(screenshot.Length > 1000);
    }

    [Fact]
    public async Task The_language_switch_turns_the_page_into_portuguese()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Português" }).ClickAsync();

        await page.WaitForSelectorAsync("html[lang='pt-BR']");
        Assert.Contains("Próximas feiras", await page.Locator("main").InnerTextAsync());
    }
}
