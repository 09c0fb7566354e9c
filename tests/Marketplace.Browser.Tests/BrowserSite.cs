using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Marketplace.Browser.Tests;

/// <summary>
/// The real site on a Kestrel port over a fresh SQLite file with the demo seeds, and Debian's
/// Chromium driven by Playwright (no browser download: the system binary is launched).
/// </summary>
public sealed class BrowserSite : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string DemoPassword = "Test-Pass-2026";
    /// <summary>The authenticator key of the demo staff and administrators (they must use two-factor sign-in).</summary>
    public const string DemoAuthenticatorKey = "KRSXG5BNMFUXI2DFNZ2GSY3BORXXELLL";
    private const string Chromium = "/usr/bin/chromium";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "marketplace-browser", Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    /// <summary>Where the site writes each e-mail it sends, as an .eml file (Mail:PickupDirectory).</summary>
    public string MailDirectory => Path.Combine(_root, "mail");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Marketplace", $"Data Source={Path.Combine(_root, "marketplace.db")}");
        builder.UseSetting("Mail:PickupDirectory", MailDirectory);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:Password", DemoPassword);
        builder.UseSetting("Demo:AuthenticatorKey", DemoAuthenticatorKey);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("RateLimits:AccountPostsPerMinute", "1000");
        // No tile server offline: tiles come from the site itself and simply fail; markers still draw.
        builder.UseSetting("Map:TileUrl", "/map-tiles/{z}/{x}/{y}.png");
    }

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        UseKestrel(0);
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: install Debian's chromium package (test.sh does).");
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <summary>A fresh browser context; without JavaScript unless asked, as the public pages must work so.</summary>
    public async Task<IPage> NewPageAsync(string? locale = null, bool javaScript = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = locale ?? "es-PE",
            JavaScriptEnabled = javaScript,
            AcceptDownloads = true,
        });
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Signs in through the login form and, when the account asks for it, the two-factor form with
    /// the code an authenticator app would show for <paramref name="authenticatorKey"/>.
    /// </summary>
    public static async Task SignInAsync(IPage page, string email, string password = DemoPassword,
        string authenticatorKey = DemoAuthenticatorKey)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", password);
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync();
        if (page.Url.Contains("/Identity/Account/LoginWith2fa", StringComparison.Ordinal))
        {
            await page.FillAsync("#Input_TwoFactorCode", Totp.Code(authenticatorKey));
            await page.Locator("main button[type=submit]").ClickAsync();
        }
        await page.WaitForURLAsync(url => !url.Contains("/Identity/Account/Login", StringComparison.Ordinal));
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
