using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Marketplace.Browser.Tests;

/// <summary>
/// axe-core finds no WCAG 2.x A/AA violation on the public pages, the sign-up form (also with its
/// errors), a producer's booking page and the staff pages — on a desktop and on a 320 px screen.
/// </summary>
public class AccessibilityTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    public static TheoryData<int> Widths() => new() { 1280, 320 };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task The_public_pages_have_no_violations(int width)
    {
        var dayId = await WithDbAsync(db => db.FairDays.OrderBy(d => d.Id).Select(d => d.Id).FirstAsync());
        var producerId = await WithDbAsync(db => db.Producers.Where(p => p.DeletedAtUtc == null && p.UserId != null)
            .OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var page = await PageAsync(width);
        await AssertNoViolationsAsync(page, "/", "/Fairs", "/Fairs?organic=true", "/Fairs?q=lircay&from=2099-01-01", "/Fairs?q=Lircay",
            $"/Fairs/{dayId}", $"/Producers/{producerId}",
            $"/Fairs/{dayId}/Poster", "/Identity/Account/Register", "/Identity/Account/Login");
    }

    [Fact]
    public async Task The_sign_up_form_with_its_errors_has_no_violations()
    {
        var page = await PageAsync(1280);
        await page.GotoAsync("/Identity/Account/Register");
        // Passes the browser's own checks (type=email), fails the site's: too short, not repeated.
        await page.FillAsync("#Input_Email", $"axe.{Guid.NewGuid():N}@example.org");
        await page.FillAsync("#Input_Password", "short");
        await page.FillAsync("#Input_ConfirmPassword", "other");
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync(".error-summary");

        var summaryLink = page.Locator(".error-summary a").First;
        var target = await summaryLink.GetAttributeAsync("href");
        Assert.Equal(1, await page.Locator(target!).CountAsync());
        await AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task The_booking_page_of_a_signed_in_producer_has_no_violations()
    {
        var dayId = await WithDbAsync(db => db.FairDays
            .Where(d => d.BookingClosesAtUtc > DateTime.UtcNow && d.BookingOpensAtUtc <= DateTime.UtcNow)
            .OrderBy(d => d.StartsAtUtc).Select(d => d.Id).FirstAsync());
        var page = await SignedInAsync("producer@demo.local", 1280);
        await AssertNoViolationsAsync(page, $"/Producer/Bookings/New?day={dayId}", $"/Fairs/{dayId}", "/Producer");
        await page.SetViewportSizeAsync(320, 640);
        await AssertNoViolationsAsync(page, $"/Producer/Bookings/New?day={dayId}");
    }

    [Fact]
    public async Task The_staff_pages_have_no_violations()
    {
        var page = await SignedInAsync("staff@demo.local", 1280);
        var paths = new List<string> { "/Staff", "/Staff/Producers" };
        var calendar = await page.GotoAsync("/Staff/Calendar");
        if (calendar is { Status: 200 })
        {
            paths.Add("/Staff/Calendar");
        }
        await AssertNoViolationsAsync(page, [.. paths]);
    }

    [Fact]
    public async Task The_region_brand_form_has_no_violations()
    {
        var page = await SignedInAsync("admin@demo.local", 1280);
        await AssertNoViolationsAsync(page, "/Admin/Regions", "/Admin/Regions/Edit/1");
    }

    private async Task<T> WithDbAsync<T>(Func<MarketplaceDbContext, Task<T>> query)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    private async Task<IPage> PageAsync(int width)
    {
        var page = await site.NewPageAsync(javaScript: true);
        await page.SetViewportSizeAsync(width, width < 400 ? 640 : 900);
        page.SetDefaultTimeout(90_000);
        page.SetDefaultNavigationTimeout(90_000);
        return page;
    }

    private async Task<IPage> SignedInAsync(string email, int width)
    {
        var page = await PageAsync(width);
        await BrowserSite.SignInAsync(page, email);
        return page;
    }

    private static async Task AssertNoViolationsAsync(IPage page, params string[] paths)
    {
        var report = new StringBuilder();
        foreach (var path in paths.DefaultIfEmpty(null))
        {
            if (path is not null)
            {
                var response = await page.GotoAsync(path);
                Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
            }
            var result = await page.RunAxe(Wcag);
            foreach (var violation in result.Violations)
            {
                report.Append(path ?? page.Url).Append(": ").Append(violation.Id).Append(" — ").AppendLine(violation.Help);
                foreach (var node in violation.Nodes.Take(5))
                {
                    report.Append("    ").Append(node.Html).Append(" — ").AppendLine(string.Join("; ", node.Any.Concat(node.All).Select(c => c.Message)));
                }
            }
            Assert.True(await NoSidewaysScrollAsync(page), $"{path ?? page.Url} scrolls sideways at its width");
        }
        Assert.True(report.Length == 0, report.ToString());
    }

    /// <summary>WCAG 1.4.10 reflow: at 320 px nothing but tables may need horizontal scrolling.</summary>
    private static Task<bool> NoSidewaysScrollAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1");
}
