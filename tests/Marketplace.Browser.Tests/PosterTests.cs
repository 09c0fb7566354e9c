using System.Diagnostics;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Marketplace.Browser.Tests;

/// <summary>
/// The printable poster, as Chromium draws it: its QR code, read back with Debian's zbarimg
/// (zbar-tools), leads to the fair day's page; printed, it is one A4 sheet.
/// </summary>
public class PosterTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    private const string Zbarimg = "/usr/bin/zbarimg";

    [Fact]
    public async Task The_posters_QR_code_decodes_to_the_fair_days_address()
    {
        var dayId = await DayIdAsync();
        var page = await site.NewPageAsync();
        await page.SetViewportSizeAsync(900, 1300);
        await page.GotoAsync($"/Fairs/{dayId}");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Afiche para imprimir (A4)" }).ClickAsync();
        await page.WaitForURLAsync($"**/Fairs/{dayId}/Poster");

        var file = Path.Combine(Path.GetTempPath(), $"poster-{Guid.NewGuid():N}.png");
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            var decoded = await DecodeAsync(file);
            Assert.Equal($"{site.BaseAddress.GetLeftPart(UriPartial.Authority)}/Fairs/{dayId}", decoded);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_poster_prints_on_one_A4_sheet()
    {
        var dayId = await DayIdAsync();
        var page = await site.NewPageAsync();
        await page.GotoAsync($"/Fairs/{dayId}/Poster");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true });

        var text = System.Text.Encoding.Latin1.GetString(pdf);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(text, @"/Type\s*/Page[^s]"));
        // A4 in PDF points: 595 × 842 (Chromium writes them with decimals).
        var box = System.Text.RegularExpressions.Regex.Match(text, @"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]");
        Assert.True(box.Success, "no MediaBox in the PDF");
        Assert.InRange(double.Parse(box.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 593, 597);
        Assert.InRange(double.Parse(box.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 840, 844);
    }

    private async Task<int> DayIdAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        return await db.FairDays.Where(d => d.EndsAtUtc > DateTime.UtcNow).OrderBy(d => d.StartsAtUtc)
            .Select(d => d.Id).FirstAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<string> DecodeAsync(string png)
    {
        Assert.True(File.Exists(Zbarimg), $"{Zbarimg} is missing: install Debian's zbar-tools (test.sh does).");
        using var process = Process.Start(new ProcessStartInfo(Zbarimg, ["--raw", "-q", png])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"zbarimg found no code (exit {process.ExitCode})");
        return output.Trim();
    }
}
