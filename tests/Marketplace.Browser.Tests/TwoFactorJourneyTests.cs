using Marketplace.Infrastructure.Identity;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Marketplace.Browser.Tests;

/// <summary>
/// A producer on a phone, without JavaScript, turns on two-factor sign-in from the key the page
/// shows (as an authenticator app would read it), keeps the recovery codes, and signs in again
/// with a code. Screenshots go to /tmp/shots/.
/// </summary>
public class TwoFactorJourneyTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    private const string Password = "Maca-Negra-2026";
    private const string Shots = "/tmp/shots";

    private async Task<string> NewProducerAsync()
    {
        var email = $"familia.{Guid.NewGuid():N}@example.org";
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, PreferredCulture = "es" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Producer)).Succeeded);
        return email;
    }

    [Fact]
    public async Task A_producer_turns_on_two_factor_sign_in_on_a_phone_and_signs_in_with_a_code()
    {
        var email = await NewProducerAsync();
        var page = await site.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);
        page.SetDefaultTimeout(90_000);
        page.SetDefaultNavigationTimeout(90_000);
        Directory.CreateDirectory(Shots);

        await BrowserSite.SignInAsync(page, email, Password);
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Mi cuenta" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Verificación en dos pasos" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Configurar la aplicación de autenticación" }).ClickAsync();
        await page.WaitForURLAsync("**/Identity/Account/Manage/EnableAuthenticator");
        Assert.True(await page.Locator("figure.qr svg").IsVisibleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = $"{Shots}/enable-authenticator-360.png", FullPage = true });

        var key = (await page.Locator("#shared-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await page.GetByLabel("Código de la aplicación").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Activar" }).ClickAsync();
        await page.WaitForURLAsync("**/Identity/Account/Manage/ShowRecoveryCodes");
        Assert.Equal(10, await page.Locator("#recovery-codes li").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = $"{Shots}/recovery-codes-360.png", FullPage = true });

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Cerrar sesión" }).First.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        await page.GotoAsync("/Identity/Account/Login");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", Password);
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/Identity/Account/LoginWith2fa**");
        await page.GetByLabel("Código de la aplicación").FillAsync(Totp.Code(key));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = $"{Shots}/login-with-2fa-360.png", FullPage = true });
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Identity/Account/Login", StringComparison.Ordinal));

        await page.GotoAsync("/Identity/Account/Manage/TwoFactorAuthentication");
        Assert.Contains("La verificación en dos pasos está activada.", await page.Locator("main").InnerTextAsync());
    }
}
