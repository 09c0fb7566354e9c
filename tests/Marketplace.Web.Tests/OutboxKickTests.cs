using Hangfire;
using Hangfire.InMemory;
using Marketplace.Domain.Mail;
using Marketplace.Infrastructure.Jobs;
using Marketplace.Infrastructure.Mail;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Web.Tests;

/// <summary>
/// The kick after a commit with mail queues one send run at a time on real Hangfire storage
/// (no server processes it here, so the queue can be counted), and the kicked run sends.
/// </summary>
public class OutboxKickTests
{
    [Fact]
    public async Task Commits_while_a_kicked_run_waits_share_it_and_a_started_run_lets_the_next_kick_queue_again()
    {
        await using var site = new QuietSite();
        // Hangfire logs through one global provider, set by whichever site started last; it may be
        // another test's site, disposed by now. Point it at this site's live logging first.
        GlobalConfiguration.Configuration.UseLogProvider(
            new Hangfire.AspNetCore.AspNetCoreLogProvider(site.Services.GetRequiredService<ILoggerFactory>()));
        var storage = new InMemoryStorage();
        var clock = new AdjustableClock();
        var kick = new HangfireOutboxKick(new BackgroundJobClient(storage),
            site.Services.GetRequiredService<IServiceScopeFactory>(), clock, NullLogger<HangfireOutboxKick>.Instance);
        long Queued() => storage.GetMonitoringApi().EnqueuedCount("default");

        for (var i = 0; i < 50; i++)
        {
            kick.Kick();
        }
        Assert.Equal(1, Queued());

        var messageId = await QueueMessageAsync(site);
        Assert.True(await kick.SendAsync(TestContext.Current.CancellationToken) >= 1);
        Assert.Equal(OutboxStatus.Sent, await site.WithDbAsync(db =>
            db.OutboxMessages.Where(m => m.MessageId == messageId).Select(m => m.Status).SingleAsync()));

        kick.Kick();
        kick.Kick();
        Assert.Equal(2, Queued());

        // A queued run that never started (its wait for a long run's lock timed out) is given up.
        clock.Advance(HangfireOutboxKick.QueuedRunGivenUpAfter);
        kick.Kick();
        Assert.Equal(3, Queued());
    }

    private static async Task<string> QueueMessageAsync(QuietSite site)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var db = scope.ServiceProvider.GetRequiredService<Marketplace.Infrastructure.Data.MarketplaceDbContext>();
        var message = outbox.Enqueue("vecina@example.org", "Vecina", "es", "test", "BookingCancelled", MailBrandFor(),
            null, ["Feria", new DateOnly(2026, 12, 5), new TimeOnly(7, 0), "Plaza"]);
        await db.SaveChangesAsync();
        return message.MessageId;
    }

    private static MailBrand MailBrandFor() => new("Huancavelica", "#2e7d32", "#ffffff");

    /// <summary>A site whose own Hangfire server is off, so only the kicked run under test sends.</summary>
    private sealed class QuietSite : MarketplaceFactory
    {
        protected override void ConfigureMore(IWebHostBuilder builder) => builder.UseSetting("Jobs:RunServer", "false");
    }
}
