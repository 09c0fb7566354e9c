using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Marketplace.Browser.Tests;

/// <summary>
/// A staff member, without JavaScript: signs in, creates a venue with 10 stalls, a weekly series
/// there, and finds its fair days in the month view.
/// </summary>
public class StaffCalendarJourneyTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task Staff_create_a_venue_with_ten_stalls_and_a_weekly_series_and_see_its_days_in_the_month()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var venue = $"Plaza de Yauli {tag}";
        var series = $"Feria de los sábados {tag}";
        var page = await site.NewPageAsync();
        page.SetDefaultTimeout(90_000);
        page.SetDefaultNavigationTimeout(90_000);

        await BrowserSite.SignInAsync(page, "staff@demo.local");

        await page.GotoAsync("/Staff");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Lugares y puestos" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Nuevo lugar" }).ClickAsync();
        await page.GetByLabel("Nombre del lugar").FillAsync(venue);
        await page.GetByLabel("Dirección").FillAsync("Plaza principal, Yauli");
        await page.GetByLabel("Tipo de lugar").SelectOptionAsync("Plaza");
        await page.GetByLabel("Latitud").FillAsync("-12.7725");
        await page.GetByLabel("Longitud").FillAsync("-75.0364");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Guardar" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Staff/Venues/[0-9]+/Stalls$"));

        var bulk = page.Locator("section[aria-labelledby=bulk]");
        await bulk.GetByLabel("Prefijo").FillAsync("Y-");
        await bulk.GetByLabel("Desde el número").FillAsync("1");
        await bulk.GetByLabel("Hasta el número").FillAsync("10");
        await bulk.GetByLabel("Sombra o toldo").CheckAsync();
        await bulk.GetByRole(AriaRole.Button, new() { Name = "Añadir los puestos" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.Equal(10, await page.Locator("ul.stalls.layout > li").CountAsync());
        Assert.Contains("10 puestos añadidos (Y-01 … Y-10).", await page.Locator("#status").InnerTextAsync());

        await page.GotoAsync("/Staff/FairSeries");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Nueva feria" }).ClickAsync();
        await page.GetByLabel("Nombre de la feria").FillAsync(series);
        await page.CheckAsync("#Repeat_Weekly");
        await page.CheckAsync("#Weekday_Saturday");
        await page.FillAsync("#Input_StartTime", "07:00");
        await page.FillAsync("#Input_EndTime", "13:00");
        await page.SelectOptionAsync("#Route_0", new SelectOptionValue { Label = venue });
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/Staff/FairSeries");
        Assert.Contains(series, await page.Locator("#status").InnerTextAsync());

        await page.GotoAsync("/Staff");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Calendario de ferias" }).ClickAsync();
        var saturday = NextSaturday();
        if (saturday.Month != DateTime.UtcNow.Month)
        {
            await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Mes siguiente →" }).ClickAsync();
        }
        var cell = page.Locator($"ol.month > li[data-date='{saturday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}']");
        Assert.Contains(series, await cell.InnerTextAsync());
        Assert.True(await page.Locator("ol.month").GetByText(series).CountAsync() >= 4);

        await cell.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = series }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Staff/FairDays/[0-9]+$"));
        Assert.Contains(venue, await page.Locator("main").InnerTextAsync());
        var screenshot = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        Assert.True(screenshot.Length > 1000);
    }

    /// <summary>The coming Saturday in Lima (today when it is one), the series' first fair day.</summary>
    private static DateOnly NextSaturday()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Lima")));
        return today.AddDays(((int)DayOfWeek.Saturday - (int)today.DayOfWeek + 7) % 7);
    }
}
