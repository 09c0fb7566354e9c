using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// The site sending through a real SMTP server, with its own adjustable clock. Background
/// dispatch can be turned off so a test decides when the outbox is swept; a short
/// <c>Mail:Lease</c> lets a test watch leases renewed and running out in real time.
/// </summary>
public class MailFactory(SmtpServer smtp, bool runJobServer, string? databasePath = null, TimeSpan? lease = null) : MarketplaceFactory
{
    public AdjustableClock Clock { get; } = new();

    public override string DatabaseFile => databasePath ?? base.DatabaseFile;

    protected override void ConfigureMore(IWebHostBuilder builder)
    {
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:Security", "None");
        builder.UseSetting("Smtp:From", "Marketplace <avisos@marketplace.test>");
        builder.UseSetting("Jobs:RunServer", runJobServer ? "true" : "false");
        if (lease is { } leaseLength)
        {
            builder.UseSetting("Mail:Lease", leaseLength.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        }
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }
}
