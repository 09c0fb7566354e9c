using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;

namespace Marketplace.Browser.Tests;

/// <summary>
/// A producer on a phone, without JavaScript: signs up, confirms the e-mail from the message the
/// site sent, signs in, fills the profile, books a stall on a coming fair day and sees it on the
/// dashboard. The product aims at three minutes for this; the test prints how long it took.
/// </summary>
public class ProducerJourneyTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    private const string Password = "Quinua-Roja-2026";

    [Fact]
    public async Task A_new_producer_goes_from_sign_up_to_a_confirmed_stall_on_a_phone()
    {
        var email = $"cooperativa.{Guid.NewGuid():N}@example.org";
        var page = await site.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);
        // Generous, for a busy CI machine: the time that matters is measured and printed below.
        page.SetDefaultTimeout(90_000);
        page.SetDefaultNavigationTimeout(90_000);
        var clock = Stopwatch.StartNew();

        await page.GotoAsync("/Identity/Account/Register");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", Password);
        await page.FillAsync("#Input_ConfirmPassword", Password);
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/Identity/Account/RegisterConfirmation**");

        var link = await ConfirmationLinkAsync(email);
        await page.GotoAsync(new Uri(link).PathAndQuery);
        Assert.Contains("Su correo electrónico quedó confirmado", await page.Locator("main").InnerTextAsync());

        await page.GotoAsync("/Identity/Account/Login");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", Password);
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Identity/Account/Login", StringComparison.Ordinal));

        // The dashboard sends a producer without a profile to fill it in.
        await page.GotoAsync("/Producer");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Completar mi perfil" }).ClickAsync();
        await page.WaitForURLAsync("**/Producer/Profile");
        await page.FillAsync("#Input_DisplayName", "Cooperativa Agroecológica Sumaq Papa");
        await page.SelectOptionAsync("#Input_OrganizationType", "Cooperative");
        await page.SelectOptionAsync("#Input_MunicipalityId", new SelectOptionValue { Label = "Huancavelica" });
        await page.FillAsync("#Input_Community", "Yauli");
        await page.GetByLabel("Papa nativa").CheckAsync();
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.Equal(0, await page.Locator("[aria-invalid=true]").CountAsync());

        // From the dashboard, a coming fair day open for booking; its page is the first step.
        await page.GotoAsync("/Producer");
        var day = page.Locator("section[aria-labelledby=bookable] ul.days > li").First;
        var dayLink = day.Locator("a.when");
        var dayPath = await dayLink.GetAttributeAsync("href");
        Assert.Matches("^/Fairs/[0-9]+$", dayPath!);
        await dayLink.ClickAsync();
        await page.WaitForURLAsync($"**{dayPath}");

        var stall = page.Locator("fieldset ul.stalls > li.free").First;
        var stallCode = (await stall.Locator("label strong").InnerTextAsync()).Trim();
        await stall.Locator("input[type=radio]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Continuar" }).ClickAsync();
        await page.WaitForURLAsync("**/Producer/Bookings/Confirm?**");
        Assert.Contains($"Puesto {stallCode}", await page.Locator("main").InnerTextAsync());

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Reservar", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Producer/Bookings/[0-9]+[?]booked=1$"));
        Assert.Contains($"Reserva confirmada: puesto {stallCode}.", await page.Locator("main").InnerTextAsync());

        await page.GotoAsync("/Producer");
        var upcoming = await page.Locator("section[aria-labelledby=upcoming]").InnerTextAsync();
        clock.Stop();
        Assert.Contains(stallCode, upcoming);
        Assert.Contains("Confirmada", upcoming);

        var seconds = clock.Elapsed.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        var report = $"Sign-up to a confirmed stall on the dashboard took {seconds} s";
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Console.WriteLine(report);
        var screenshot = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        Assert.True(screenshot.Length > 1000);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), report);
    }

    /// <summary>The link of the confirmation e-mail the site wrote to its pickup folder.</summary>
    private async Task<string> ConfirmationLinkAsync(string to)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(site.MailDirectory))
            {
                foreach (var file in Directory.EnumerateFiles(site.MailDirectory, "*.eml"))
                {
                    var message = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
                    if (message.To.Mailboxes.Any(m => m.Address == to))
                    {
                        var link = Regex.Match(message.TextBody ?? "", @"https?://\S+/Identity/Account/ConfirmEmail\?\S+").Value;
                        Assert.False(string.IsNullOrEmpty(link), "the confirmation e-mail has no link");
                        return link;
                    }
                }
            }
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"No e-mail to {to} within 30 s");
    }
}
