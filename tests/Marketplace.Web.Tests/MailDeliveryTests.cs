using Marketplace.Domain.Mail;
using Marketplace.Infrastructure.Jobs;
using Marketplace.Infrastructure.Mail;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests;

/// <summary>A real SMTP server and the site with its background dispatch off: tests sweep the outbox themselves.</summary>
public sealed class SmtpSite : IAsyncLifetime
{
    public SmtpServer Smtp { get; private set; } = null!;
    public MailFactory Site { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Smtp = await SmtpServer.StartAsync();
        Site = new MailFactory(Smtp, runJobServer: false);
        _ = Site.Services;
    }

    /// <summary>The site sending through a relay of the test's choosing (one that misbehaves).</summary>
    public static SmtpSite Through(SmtpServer relay)
    {
        var site = new SmtpSite { Smtp = relay, Site = new MailFactory(relay, runJobServer: false) };
        _ = site.Site.Services;
        return site;
    }

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>The outbox through MailKit to a real SMTP server: at-least-once, never twice in practice.</summary>
public class MailDeliveryTests(SmtpSite fixture) : IClassFixture<SmtpSite>
{
    private MailFactory Site => fixture.Site;
    private SmtpServer Smtp => fixture.Smtp;

    [Fact]
    public async Task A_message_arrives_once_with_its_recipient_subject_both_bodies_and_message_id()
    {
        var queued = await Site.WithDbAsync(async db =>
        {
            await using var scope = Site.Services.CreateAsyncScope();
            var outbox = new Outbox(db, scope.ServiceProvider.GetRequiredService<MailComposer>(),
                scope.ServiceProvider.GetRequiredService<SiteUrl>(), Site.Clock);
            var message = outbox.Enqueue("maria@example.org", "María Ccanto", "pt-BR", "confirm-email", "ConfirmEmail",
                "Paraná", outbox.Link("/Identity/Account/ConfirmEmail?userId=1&code=abc"));
            await db.SaveChangesAsync();
            return message;
        });

        Assert.Equal(1, await DispatchAsync(Site));
        Assert.Equal(0, await DispatchAsync(Site));

        var arrived = (await Smtp.WaitForAsync(1)).Where(m => m.MessageId == queued.MessageId).ToList();
        var message = Assert.Single(arrived);
        Assert.Equal("maria@example.org", message.To.Mailboxes.Single().Address);
        Assert.Equal("Paraná: confirme seu e-mail", message.Subject);
        Assert.Contains("/Identity/Account/ConfirmEmail?userId=1&code=abc", message.TextBody);
        Assert.Contains("Obrigado por se cadastrar em Paraná", message.HtmlBody);
        Assert.Equal("avisos@marketplace.test", message.From.Mailboxes.Single().Address);
        var stored = await Site.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Id == queued.Id));
        Assert.Equal(OutboxStatus.Sent, stored.Status);
        Assert.Equal(1, stored.Attempts);
    }

    [Fact]
    public async Task A_thousand_queued_messages_all_arrive_once_over_few_connections()
    {
        var ids = await QueueAsync(Site, 1000, "mil");

        var sent = await DispatchAsync(Site);

        Assert.Equal(1000, sent);
        var arrived = (await Smtp.WaitForAsync(1000)).Where(m => ids.Contains(m.MessageId ?? "")).ToList();
        Assert.Equal(1000, arrived.Count);
        Assert.Equal(1000, arrived.Select(m => m.MessageId).Distinct().Count());
        var connections = arrived.Select(m => m.Headers["X-Peer"]).Distinct().Count();
        Assert.InRange(connections, 1, 10);
    }

    [Fact]
    public async Task With_the_server_down_messages_wait_uncharged_and_all_arrive_in_the_first_run_once_it_is_back()
    {
        await Smtp.StopAsync();
        var ids = await QueueAsync(Site, 3, "corte");
        try
        {
            Assert.Equal(0, await DispatchAsync(Site));

            // The relay being away is not the messages' fault: no attempt, no backoff, no lease kept.
            var waiting = await Site.WithDbAsync(db => db.OutboxMessages.Where(m => ids.Contains(m.MessageId)).ToListAsync());
            Assert.All(waiting, m =>
            {
                Assert.Equal(OutboxStatus.Pending, m.Status);
                Assert.Equal(0, m.Attempts);
                Assert.Null(m.LastError);
                Assert.True(m.NextAttemptAtUtc <= Site.Clock.GetUtcNow().UtcDateTime);
                Assert.Null(m.LeaseId);
            });
        }
        finally
        {
            await Smtp.StartAgainAsync();
        }

        Assert.Equal(3, await DispatchAsync(Site));

        var arrived = (await Smtp.WaitForAsync(3)).Where(m => ids.Contains(m.MessageId ?? "")).ToList();
        Assert.Equal(3, arrived.Count);
        Assert.Equal(3, arrived.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Two_dispatchers_on_one_database_never_send_a_message_twice()
    {
        await using var secondNode = new MailFactory(Smtp, runJobServer: false, databasePath: Site.DatabasePath);
        _ = secondNode.Services;
        var ids = await QueueAsync(Site, 400, "dos-nodos");

        var counts = await Task.WhenAll(
            Task.Run(() => DispatchAsync(Site)), Task.Run(() => DispatchAsync(secondNode)),
            Task.Run(() => DispatchAsync(Site)), Task.Run(() => DispatchAsync(secondNode)));

        Assert.Equal(400, counts.Sum());
        var arrived = (await Smtp.WaitForAsync(400)).Where(m => ids.Contains(m.MessageId ?? "")).ToList();
        Assert.Equal(400, arrived.Count);
        Assert.Equal(400, arrived.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task A_lease_left_by_a_crashed_dispatcher_expires_and_the_message_is_sent()
    {
        var ids = await QueueAsync(Site, 1, "lease", leasedBy: Guid.NewGuid());

        Assert.Equal(0, await DispatchAsync(Site));
        Site.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await DispatchAsync(Site));

        var arrived = (await Smtp.WaitForAsync(1)).Where(m => ids.Contains(m.MessageId ?? "")).ToList();
        Assert.Single(arrived);
    }

    private static async Task<int> DispatchAsync(MailFactory site)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SendOutboxMessages>().RunAsync(CancellationToken.None);
    }

    /// <summary>Queues messages straight into the outbox table; returns their Message-Ids.</summary>
    private static Task<HashSet<string>> QueueAsync(MailFactory site, int count, string tag, Guid? leasedBy = null) =>
        site.WithDbAsync(async db =>
        {
            var now = site.Clock.GetUtcNow().UtcDateTime;
            var messages = Enumerable.Range(0, count).Select(i =>
            {
                var message = OutboxMessage.Create($"{tag}{i}@example.org", null, $"Aviso {tag} {i}", $"Texto {i}",
                    $"<p>Texto {i}</p>", "es", "test", "marketplace.test", now);
                if (leasedBy is { } lease)
                {
                    message.LeaseId = lease;
                    message.LeasedUntilUtc = now.AddMinutes(5);
                }
                return message;
            }).ToList();
            db.OutboxMessages.AddRange(messages);
            await db.SaveChangesAsync();
            return messages.Select(m => m.MessageId).ToHashSet();
        });
}
