using Microsoft.Playwright;

namespace Marketplace.Browser.Tests;

/// <summary>A resident searches by product, opens a fair day and takes it to a calendar; with JavaScript, the map.</summary>
public class ResidentJourneyTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task Without_javascript_a_resident_searches_by_product_opens_a_fair_day_and_downloads_its_ics()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/Fairs");

        // The filters beyond the text are folded until one is set: a person opens them first.
        await page.Locator("summary", new PageLocatorOptions { HasTextString = "Más filtros" }).ClickAsync();
        await page.SelectOptionAsync("#product", new SelectOptionValue { Label = "Papa nativa" });
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Buscar", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/Fairs?**product=*");

        var days = page.Locator("ul.days > li");
        Assert.True(await days.CountAsync() > 0, "days where native potato is sold");
        Assert.Contains("Papa nativa", await days.First.InnerTextAsync());
        Assert.True(await page.Locator("#fair-map").IsHiddenAsync(), "no map without JavaScript");

        var first = days.First.Locator("a.when");
        var href = await first.GetAttributeAsync("href");
        await first.ClickAsync();
        await page.WaitForURLAsync($"**{href}");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Agregar a mi calendario (.ics)" }).ClickAsync());
        var path = await download.PathAsync();
        var ics = await File.ReadAllTextAsync(path!, TestContext.Current.CancellationToken);
        Assert.EndsWith(".ics", download.SuggestedFilename);
        Assert.Contains("BEGIN:VCALENDAR", ics);
        Assert.Contains($"UID:fairday-{href!.Split('/')[^1]}@", ics);
    }

    [Fact]
    public async Task On_a_phone_a_word_typed_in_the_home_box_shows_its_first_fair_day_on_the_first_screen()
    {
        var page = await site.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);
        await page.GotoAsync("/");

        await page.FillAsync("#q", "papa");
        await page.PressAsync("#q", "Enter");
        await page.WaitForURLAsync("**/Fairs?q=papa");

        var first = page.Locator("ul.days > li").First;
        var box = (await first.BoundingBoxAsync())!;
        Assert.True(box.Y < 740, $"the first fair day starts {box.Y} px down");
        Assert.Contains("Papa nativa", await first.InnerTextAsync());
    }

    [Fact]
    public async Task On_a_phone_without_javascript_an_empty_search_offers_one_tap_ways_out()
    {
        var page = await site.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);
        await page.GotoAsync("/Fairs");
        // Cheese in Huancavelica comes to the Sunday market only: on Saturdays nothing is found.
        await page.Locator("summary", new PageLocatorOptions { HasTextString = "Más filtros" }).ClickAsync();
        await page.SelectOptionAsync("#municipality", new SelectOptionValue { Label = "Huancavelica" });
        await page.SelectOptionAsync("#product", new SelectOptionValue { Label = "Lácteos y quesos" });
        await page.GetByLabel("sábado").CheckAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Buscar", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/Fairs?**weekday=sat*");

        Assert.Contains("(3 en uso)", await page.Locator("details.more-filters > summary").InnerTextAsync());
        var suggestionsTop = (await page.Locator(".suggestions").BoundingBoxAsync())!.Y;
        Assert.True(suggestionsTop < 740, $"the ways out start {suggestionsTop} px down, below the first screen");
        Directory.CreateDirectory("/tmp/shots");
        await page.Locator(".suggestions").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/shots/empty-search-360.png", FullPage = true });
        Assert.Equal(360, await page.EvaluateAsync<int>("document.documentElement.scrollWidth"));
        var anyDay = page.Locator(".suggestions a", new PageLocatorOptions { HasTextString = "Sin el filtro de día de la semana" });
        Assert.True(await anyDay.IsVisibleAsync());

        await anyDay.ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("weekday", StringComparison.Ordinal));
        Assert.Contains("Mercado Dominical de Huancavelica", await page.Locator("ul.days").InnerTextAsync());
    }

    [Fact]
    public async Task With_javascript_the_map_shows_one_marker_per_result()
    {
        var page = await site.NewPageAsync(javaScript: true);
        await page.GotoAsync("/Fairs?weekday=sat");

        var map = page.Locator("#fair-map[data-markers]");
        await map.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        var results = await page.Locator("ul.days > li").CountAsync();
        Assert.True(results > 0);
        Assert.Equal(results.ToString(System.Globalization.CultureInfo.InvariantCulture), await map.GetAttributeAsync("data-markers"));
        Assert.Equal(results, await page.Locator("#fair-map .leaflet-marker-icon").CountAsync());
        Assert.True(await page.Locator("#fair-map").IsVisibleAsync());
    }

    [Fact]
    public async Task With_javascript_a_fair_day_shows_its_venue_on_a_map()
    {
        var page = await site.NewPageAsync(javaScript: true);
        await page.GotoAsync("/Fairs");
        var href = await page.Locator("ul.days > li a.when").First.GetAttributeAsync("href");
        await page.GotoAsync(href!);

        await page.Locator("#fair-map[data-markers='1']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.Equal(1, await page.Locator("#fair-map .leaflet-marker-icon").CountAsync());
    }
}
