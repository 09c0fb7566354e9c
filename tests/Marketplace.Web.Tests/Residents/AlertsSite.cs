using Marketplace.Domain.Subscriptions;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Jobs;
using Marketplace.Infrastructure.Subscriptions;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Residents;

/// <summary>
/// The site with a real SMTP server, its job server off (tests run the sweeps), an https base
/// address for links and a mailbox for unsubscribe requests by mail.
/// </summary>
public sealed class AlertsSite : IAsyncLifetime
{
    public const string BaseUrl = "https://ferias.example.org";
    public const string UnsubscribeMailbox = "bajas@marketplace.test";

    public SmtpServer Smtp { get; private set; } = null!;
    public MailFactory Site { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Smtp = await SmtpServer.StartAsync();
        Site = new Factory(Smtp);
        _ = Site.Services;
    }

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    public async Task<int> SendOutboxAsync()
    {
        await using var scope = Site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SendOutboxMessages>().RunAsync(CancellationToken.None);
    }

    public async Task<int> SendDigestsAsync()
    {
        await using var scope = Site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SendSubscriptionDigests>().RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// Starts a test on a clean slate of subscriptions and mails: the tests of a class share
    /// the fixture (one after the other), and each counts only its own.
    /// </summary>
    public Task ResetAsync() => Site.WithDbAsync(async db =>
    {
        await db.Subscriptions.ExecuteDeleteAsync();
        await db.OutboxMessages.ExecuteDeleteAsync();
    });

    /// <summary>A subscription written straight to the database, as the pages would leave it.</summary>
    public async Task<Subscription> AddSubscriptionAsync(string email, SubscriptionPlace place, int[]? products = null,
        bool confirmed = true, string culture = "es")
    {
        await using var scope = Site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var token = scope.ServiceProvider.GetRequiredService<SubscriptionTokens>().Issue();
        var now = Site.Clock.GetUtcNow().UtcDateTime;
        var subscription = new Subscription
        {
            Email = email, Culture = culture, TokenHash = token.Hash, TokenCipher = token.Cipher, CreatedAtUtc = now,
            Products = (products ?? []).Select(id => new SubscriptionProduct { ProductCategoryId = id }).ToList(),
        };
        subscription.PlaceAt(place);
        if (confirmed)
        {
            subscription.Confirm(now);
        }
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync();
        return subscription;
    }

    private sealed class Factory(SmtpServer smtp) : MailFactory(smtp, runJobServer: false)
    {
        protected override void ConfigureMore(IWebHostBuilder builder)
        {
            base.ConfigureMore(builder);
            builder.UseSetting("Site:BaseUrl", BaseUrl);
            builder.UseSetting("Mail:UnsubscribeAddress", UnsubscribeMailbox);
        }
    }
}
