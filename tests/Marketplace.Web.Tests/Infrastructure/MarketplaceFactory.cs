using Hangfire;
using Marketplace.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// The real site over its own fresh SQLite file and mail folder, with the demo seeds loaded:
/// one per test class, deleted afterwards.
/// </summary>
public class MarketplaceFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Test-Pass-2026";
    /// <summary>The authenticator key of the demo staff and administrators (they must use two-factor sign-in).</summary>
    public const string DemoAuthenticatorKey = "KRSXG5BNMFUXI2DFNZ2GSY3BORXXELLL";

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "marketplace-tests", Guid.NewGuid().ToString("N"));
    public string DatabasePath => DatabaseFile;

    /// <summary>The SQLite file; two factories given the same file play two nodes on one database.</summary>
    public virtual string DatabaseFile => Path.Combine(Root, "marketplace.db");
    public string MailDirectory => Path.Combine(Root, "mail");

    public MarketplaceFactory()
    {
        Directory.CreateDirectory(Root);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Marketplace", $"Data Source={DatabasePath}");
        builder.UseSetting("Mail:PickupDirectory", MailDirectory);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:Password", DemoPassword);
        builder.UseSetting("Demo:AuthenticatorKey", DemoAuthenticatorKey);
        builder.UseSetting("RateLimits:AccountPostsPerMinute", "1000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None");
        // The in-memory TestServer has no request-body-size feature; Kestrel (the real site) does.
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Mvc.Filters.RequestSizeLimitFilter", "Error");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Routing.EndpointRoutingMiddleware", "Error");
        ConfigureMore(builder);
    }

    /// <summary>Extra settings of a derived fixture.</summary>
    protected virtual void ConfigureMore(IWebHostBuilder builder)
    {
    }

    /// <summary>Runs an action with a fresh scope's DbContext, as a separate request would.</summary>
    public async Task<T> WithDbAsync<T>(Func<MarketplaceDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    public Task WithDbAsync(Func<MarketplaceDbContext, Task> action) =>
        WithDbAsync(async db =>
        {
            await action(db);
            return true;
        });

    /// <summary>The first e-mail to <paramref name="to"/> written to the mail folder, waiting up to 30 seconds for it.</summary>
    public async Task<MimeKit.MimeMessage> WaitForMailAsync(string to, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(MailDirectory))
            {
                foreach (var file in Directory.EnumerateFiles(MailDirectory, "*.eml"))
                {
                    var message = await MimeKit.MimeMessage.LoadAsync(file, cancellationToken);
                    if (message.To.Mailboxes.Any(m => m.Address == to))
                    {
                        return message;
                    }
                }
            }
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"No e-mail to {to} within 30 s");
    }

    public HttpClient CreateBrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public override async ValueTask DisposeAsync()
    {
        GlobalConfiguration.Configuration.UseLogProvider(QuietHangfireLog.Instance);
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        GC.SuppressFinalize(this);
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing background thread; the temp folder is cleaned later.
        }
    }
}
