using Marketplace.Domain.Mail;
using Marketplace.Infrastructure.Jobs;
using Marketplace.Infrastructure.Mail;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Marketplace.Web.Tests;

/// <summary>
/// The sender's grouped marks against a real SMTP server: what the server accepted is marked
/// exactly once, also when the run is cancelled, its session fails or its lease is taken over.
/// Each test owns its site and server, so no message of another test joins its batches.
/// </summary>
public class OutboxSenderTests
{
    // More than one group of marks (OutboxMarks.GroupSize) per run.
    private const int Count = 250;

    [Fact]
    public async Task A_normal_run_delivers_every_message_once_and_marks_them_all_sent()
    {
        await using var site = await StartAsync();
        var ids = await QueueAsync(site, Count);

        Assert.Equal(Count, await RunAsync(site, new WatchedTransport(Transport(site))));

        await AssertArrivedOnceAsync(site, ids);
        var stored = await LoadAsync(site, ids);
        Assert.All(stored, m =>
        {
            Assert.Equal(OutboxStatus.Sent, m.Status);
            Assert.Equal(1, m.Attempts);
            Assert.NotNull(m.SentAtUtc);
            Assert.Null(m.LeaseId);
            Assert.Null(m.LeasedUntilUtc);
        });
    }

    [Fact]
    public async Task A_run_whose_lease_is_taken_over_marks_none_of_the_messages()
    {
        await using var site = await StartAsync();
        var ids = await QueueAsync(site, Count);
        var otherRun = Guid.NewGuid();
        var transport = new WatchedTransport(Transport(site))
        {
            // Another node claims the whole batch before this run's first mark is written.
            BeforeSend = number => number == 1
                ? site.Site.WithDbAsync(db => db.OutboxMessages.Where(m => ids.Contains(m.MessageId))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseId, otherRun), TestContext.Current.CancellationToken))
                : Task.CompletedTask,
        };

        await RunAsync(site, transport);

        var stored = await LoadAsync(site, ids);
        Assert.All(stored, m =>
        {
            Assert.Equal(OutboxStatus.Pending, m.Status);
            Assert.Equal(otherRun, m.LeaseId);
            Assert.Null(m.SentAtUtc);
        });
    }

    [Fact]
    public async Task A_cancelled_run_marks_what_was_accepted_and_the_next_runs_send_only_the_rest()
    {
        await using var site = await StartAsync();
        var ids = await QueueAsync(site, Count);
        using var shutdown = new CancellationTokenSource();
        // Shutdown interrupts the 151st send.
        var transport = new WatchedTransport(Transport(site)) { BeforeSend = ShutdownAt(151, shutdown) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(site, transport, shutdown.Token));

        var stored = await LoadAsync(site, ids);
        Assert.Equal(150, stored.Count(m => m.Status == OutboxStatus.Sent));
        var interrupted = Assert.Single(stored, m => m.Status == OutboxStatus.Pending && m.LeaseId is not null);
        Assert.Equal(99, stored.Count(m => m.Status == OutboxStatus.Pending && m.LeaseId is null));

        // The untried messages were given back; the interrupted one waits for its lease to run out.
        Assert.Equal(99, await RunAsync(site, new WatchedTransport(Transport(site))));
        site.Site.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await RunAsync(site, new WatchedTransport(Transport(site))));

        await AssertArrivedOnceAsync(site, ids);
        Assert.Equal(OutboxStatus.Sent, (await LoadAsync(site, [interrupted.MessageId])).Single().Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_relay_that_ends_each_connection_after_five_messages_gets_them_all_and_none_is_charged(bool with421)
    {
        await using var site = await StartAsync(await SmtpServer.StartClosingAsync(messagesPerConnection: 5, with421));
        var ids = await QueueAsync(site, 23);

        Assert.Equal(23, await RunAsync(site, new WatchedTransport(Transport(site))));

        await AssertArrivedOnceAsync(site, ids);
        Assert.Equal(5, site.Smtp.Messages().Select(m => m.Headers["X-Peer"]).Distinct().Count());
        Assert.All(await LoadAsync(site, ids), m =>
        {
            Assert.Equal(OutboxStatus.Sent, m.Status);
            // The one attempt that delivered it, nothing charged for the connections that ended.
            Assert.Equal(1, m.Attempts);
            Assert.Null(m.LastError);
            Assert.Null(m.LeaseId);
        });
    }

    [Fact]
    public async Task A_relay_restarting_during_a_run_is_waited_for_and_the_run_sends_every_message_uncharged()
    {
        await using var site = await StartAsync();
        var ids = await QueueAsync(site, Count);
        Task? restart = null;
        var transport = new WatchedTransport(Transport(site))
        {
            // The relay goes away after accepting 120 messages and is back a second later.
            BeforeSend = async number =>
            {
                if (number == 121)
                {
                    await site.Smtp.StopAsync();
                    restart = Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken)
                        .ContinueWith(_ => site.Smtp.StartAgainAsync(), TaskScheduler.Default).Unwrap();
                }
            },
        };

        Assert.Equal(Count, await RunAsync(site, transport));
        await restart!;

        await AssertArrivedOnceAsync(site, ids);
        Assert.All(await LoadAsync(site, ids), m =>
        {
            Assert.Equal(OutboxStatus.Sent, m.Status);
            Assert.Equal(1, m.Attempts);
            Assert.Null(m.LastError);
        });
    }

    [Fact]
    public async Task When_the_relay_stays_away_the_accepted_messages_are_marked_and_the_rest_wait_uncharged_for_the_next_run()
    {
        await using var site = await StartAsync();
        var ids = await QueueAsync(site, Count);
        var transport = new WatchedTransport(Transport(site))
        {
            // The server goes away after accepting 120 messages, for longer than the run waits.
            BeforeSend = number => number == 121 ? site.Smtp.StopAsync() : Task.CompletedTask,
        };

        try
        {
            Assert.Equal(120, await RunAsync(site, transport));

            var stored = await LoadAsync(site, ids);
            Assert.Equal(120, stored.Count(m => m.Status == OutboxStatus.Sent));
            var waiting = stored.Where(m => m.Status != OutboxStatus.Sent).ToList();
            Assert.Equal(Count - 120, waiting.Count);
            Assert.All(waiting, m =>
            {
                Assert.Equal(OutboxStatus.Pending, m.Status);
                Assert.Equal(0, m.Attempts);
                Assert.Null(m.LastError);
                Assert.True(m.NextAttemptAtUtc <= site.Site.Clock.GetUtcNow().UtcDateTime);
                Assert.Null(m.LeaseId);
            });
        }
        finally
        {
            await site.Smtp.StartAgainAsync();
        }

        // The next run (the minutely sweep) takes them at once, not after a backoff.
        Assert.Equal(Count - 120, await RunAsync(site, new WatchedTransport(Transport(site))));
        await AssertArrivedOnceAsync(site, ids);
    }

    [Fact]
    public async Task A_run_stops_sending_a_fifth_of_the_lease_before_it_ends_and_gives_the_rest_back()
    {
        await using var site = await StartAsync();
        var ids = await QueueAsync(site, 20);
        var transport = new WatchedTransport(Transport(site))
        {
            // The fifth message takes until 50 seconds into the 1-minute lease, before any renewal.
            BeforeSend = number =>
            {
                if (number == 5)
                {
                    site.Site.Clock.Advance(TimeSpan.FromSeconds(50));
                }
                return Task.CompletedTask;
            },
        };

        Assert.Equal(5, await RunAsync(site, transport));

        var stored = await LoadAsync(site, ids);
        Assert.Equal(5, stored.Count(m => m.Status == OutboxStatus.Sent));
        Assert.All(stored.Where(m => m.Status != OutboxStatus.Sent), m => Assert.Null(m.LeaseId));
        Assert.Equal(15, await RunAsync(site, new WatchedTransport(Transport(site))));
        await AssertArrivedOnceAsync(site, ids);
    }

    [Fact]
    public async Task A_run_over_several_batches_claims_each_ahead_and_delivers_every_message_once()
    {
        await using var site = await StartAsync();
        var ids = await QueueAsync(site, Count);

        // Batches of 100: 100, 100 and 50, each after the first claimed while the one before is sent.
        Assert.Equal(Count, await RunAsync(site, new WatchedTransport(Transport(site)), batchSize: 100));

        await AssertArrivedOnceAsync(site, ids);
        Assert.All(await LoadAsync(site, ids), m =>
        {
            Assert.Equal(OutboxStatus.Sent, m.Status);
            Assert.Equal(1, m.Attempts);
            Assert.Null(m.LeaseId);
        });
    }

    [Fact]
    public async Task A_run_cancelled_in_its_first_batch_gives_back_the_batch_it_claimed_ahead()
    {
        await using var site = await StartAsync();
        var ids = await QueueAsync(site, Count);
        using var shutdown = new CancellationTokenSource();
        // Shutdown interrupts the 51st send, long after the second batch was claimed.
        var transport = new WatchedTransport(Transport(site)) { BeforeSend = ShutdownAt(51, shutdown) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(site, transport, shutdown.Token, batchSize: 100));

        var stored = await LoadAsync(site, ids);
        Assert.Equal(50, stored.Count(m => m.Status == OutboxStatus.Sent));
        // Only the interrupted message keeps a lease: the rest of the first batch, the batch
        // claimed ahead and the never-claimed 50 are all free for the next run.
        var interrupted = Assert.Single(stored, m => m.LeaseId is not null);
        Assert.Equal(OutboxStatus.Pending, interrupted.Status);
        Assert.Equal(Count - 51, stored.Count(m => m.Status == OutboxStatus.Pending && m.LeaseId is null));

        Assert.Equal(Count - 51, await RunAsync(site, new WatchedTransport(Transport(site)), batchSize: 100));
        site.Site.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await RunAsync(site, new WatchedTransport(Transport(site)), batchSize: 100));
        await AssertArrivedOnceAsync(site, ids);
    }

    [Fact]
    public async Task A_run_whose_lease_is_taken_over_stops_and_gives_back_the_batch_it_claimed_ahead()
    {
        await using var site = await StartAsync();
        var ids = await QueueAsync(site, Count);
        var otherRun = Guid.NewGuid();
        var firstBatch = new HashSet<string>();
        WatchedTransport? transport = null;
        transport = new WatchedTransport(Transport(site))
        {
            // Another node takes over the rest of the first batch after 20 sends.
            BeforeSend = async number =>
            {
                if (number == 21)
                {
                    // The message about to be sent is not accepted yet, so it still holds the first lease.
                    var upcoming = transport!.Upcoming;
                    var accepted = transport.Accepted.ToList();
                    await site.Site.WithDbAsync(async db =>
                    {
                        var firstLease = await db.OutboxMessages.Where(m => m.MessageId == upcoming)
                            .Select(m => m.LeaseId).SingleAsync(TestContext.Current.CancellationToken);
                        firstBatch.UnionWith(await db.OutboxMessages
                            .Where(m => m.LeaseId == firstLease && !accepted.Contains(m.MessageId))
                            .Select(m => m.MessageId).ToListAsync(TestContext.Current.CancellationToken));
                        return await db.OutboxMessages.Where(m => firstBatch.Contains(m.MessageId))
                            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseId, otherRun), TestContext.Current.CancellationToken);
                    });
                }
            },
        };

        // It notices once a group of its marks matches fewer messages than it wrote.
        await RunAsync(site, transport, batchSize: 100);

        var stored = await LoadAsync(site, ids);
        Assert.Equal(80, firstBatch.Count);
        Assert.Equal(20, stored.Count(m => m.Status == OutboxStatus.Sent));
        Assert.All(stored.Where(m => firstBatch.Contains(m.MessageId)), m => Assert.Equal(otherRun, m.LeaseId));
        // Nothing else is held: the batch claimed ahead went back.
        Assert.All(stored.Where(m => !firstBatch.Contains(m.MessageId) && m.Status == OutboxStatus.Pending),
            m => Assert.Null(m.LeaseId));
        Assert.Equal(Count - 20 - firstBatch.Count, stored.Count(m => m.Status == OutboxStatus.Pending && m.LeaseId is null));
    }

    [Fact]
    public async Task A_run_that_dies_mid_batch_leaves_its_messages_to_the_next_run_within_one_lease()
    {
        await using var site = await StartAsync();
        var ids = await QueueAsync(site, 20);
        // A second node on the same database, whose process dies while it waits for the server
        // to accept the second message: the first was accepted, and its mark not written yet.
        var dying = new MailFactory(site.Smtp, runJobServer: false, databasePath: site.Site.DatabasePath);
        _ = dying.Services;
        var hung = new TaskCompletionSource();
        var transport = new WatchedTransport(Transport(dying)) { BeforeSend = number => number == 2 ? hung.Task : Task.CompletedTask };
        _ = Task.Run(() => RunAsync(dying, transport));
        while (transport.Accepted.IsEmpty)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        var acceptedUnmarked = transport.Accepted.Single();
        await dying.DisposeAsync();

        // Its claim stands for one lease (1 minute), not more.
        Assert.Equal(0, await RunAsync(site, new WatchedTransport(Transport(site))));
        site.Site.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(20, await RunAsync(site, new WatchedTransport(Transport(site))));

        Assert.All(await LoadAsync(site, ids), m => Assert.Equal(OutboxStatus.Sent, m.Status));
        // At least once: only the accepted, unmarked one arrived twice, with its Message-Id.
        var arrived = (await site.Smtp.WaitForAsync(21)).Where(m => ids.Contains(m.MessageId ?? "")).ToList();
        Assert.Equal(21, arrived.Count);
        Assert.Equal(acceptedUnmarked, Assert.Single(arrived.GroupBy(m => m.MessageId), g => g.Count() == 2).Key);
    }

    [Fact]
    public async Task A_live_run_longer_than_its_lease_keeps_it_and_a_second_node_sends_none_of_its_messages()
    {
        var lease = TimeSpan.FromSeconds(6);
        await using var smtp = await SmtpServer.StartAsync();
        await using var first = new MailFactory(smtp, runJobServer: false, lease: lease);
        await using var second = new MailFactory(smtp, runJobServer: false, databasePath: first.DatabasePath, lease: lease);
        _ = second.Services;
        var ids = await QueueAsync(first, 30);
        // 30 slow exchanges: about two leases.
        var slow = new WatchedTransport(Transport(first))
        {
            BeforeSend = _ => Task.Delay(400, TestContext.Current.CancellationToken),
        };

        var running = Task.Run(() => RunAsync(first, slow));
        // The second node starts trying once the first holds the batch.
        while (slow.Upcoming is null)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        var bySecond = 0;
        while (!running.IsCompleted)
        {
            bySecond += await RunAsync(second, new WatchedTransport(Transport(second)));
            await Task.Delay(300, TestContext.Current.CancellationToken);
        }

        Assert.Equal(30, await running);
        Assert.Equal(0, bySecond);
        var arrived = (await smtp.WaitForAsync(30)).Where(m => ids.Contains(m.MessageId ?? "")).ToList();
        Assert.Equal(30, arrived.Count);
        Assert.Equal(30, arrived.Select(m => m.MessageId).Distinct().Count());
    }

    /// <summary>Shutdown during the given send: the token is cancelled and the send does not happen.</summary>
    private static Func<int, Task> ShutdownAt(int send, CancellationTokenSource shutdown) => async number =>
    {
        if (number == send)
        {
            await shutdown.CancelAsync();
            shutdown.Token.ThrowIfCancellationRequested();
        }
    };

    private static async Task<SmtpSite> StartAsync(SmtpServer? relay = null)
    {
        if (relay is not null)
        {
            return SmtpSite.Through(relay);
        }
        var site = new SmtpSite();
        await site.InitializeAsync();
        return site;
    }

    private static IMailTransport Transport(SmtpSite site) => Transport(site.Site);

    private static IMailTransport Transport(MailFactory site) => site.Services.GetRequiredService<IMailTransport>();

    private static Task<int> RunAsync(SmtpSite site, IMailTransport transport, CancellationToken? cancellationToken = null,
        int? batchSize = null) => RunAsync(site.Site, transport, cancellationToken, batchSize);

    private static async Task<int> RunAsync(MailFactory site, IMailTransport transport, CancellationToken? cancellationToken = null,
        int? batchSize = null)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<MailOptions>>().Value;
        var mail = Options.Create(new MailOptions
        {
            PickupDirectory = options.PickupDirectory,
            BatchSize = batchSize ?? options.BatchSize,
            Lease = options.Lease,
            BacklogAlertAfter = options.BacklogAlertAfter,
            UnsubscribeAddress = options.UnsubscribeAddress,
        });
        var sender = ActivatorUtilities.CreateInstance<SendOutboxMessages>(scope.ServiceProvider, transport, mail);
        return await sender.RunAsync(cancellationToken ?? TestContext.Current.CancellationToken);
    }

    private static async Task AssertArrivedOnceAsync(SmtpSite site, HashSet<string> ids)
    {
        var arrived = (await site.Smtp.WaitForAsync(ids.Count)).Where(m => ids.Contains(m.MessageId ?? "")).ToList();
        Assert.Equal(ids.Count, arrived.Count);
        Assert.Equal(ids.Count, arrived.Select(m => m.MessageId).Distinct().Count());
    }

    private static Task<List<OutboxMessage>> LoadAsync(SmtpSite site, IReadOnlyCollection<string> ids) =>
        site.Site.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.MessageId)).ToListAsync(TestContext.Current.CancellationToken));

    private static Task<HashSet<string>> QueueAsync(SmtpSite site, int count) => QueueAsync(site.Site, count);

    private static Task<HashSet<string>> QueueAsync(MailFactory site, int count) =>
        site.WithDbAsync(async db =>
        {
            var now = site.Clock.GetUtcNow().UtcDateTime;
            var messages = Enumerable.Range(0, count).Select(i => OutboxMessage.Create($"grupo{i}@example.org", null,
                $"Aviso {i}", $"Texto {i}", $"<p>Texto {i}</p>", "es", "test", "marketplace.test", now)).ToList();
            db.OutboxMessages.AddRange(messages);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return messages.Select(m => m.MessageId).ToHashSet();
        });

    /// <summary>The real SMTP transport, with a hook before each send (numbered from 1) to play what happens meanwhile.</summary>
    private sealed class WatchedTransport(IMailTransport inner) : IMailTransport
    {
        private int _sends;

        public Func<int, Task> BeforeSend { get; init; } = _ => Task.CompletedTask;

        /// <summary>The Message-Id of the message being sent (set before <see cref="BeforeSend"/>).</summary>
        public string? Upcoming { get; private set; }

        /// <summary>The Message-Ids the server accepted, in order.</summary>
        public System.Collections.Concurrent.ConcurrentQueue<string> Accepted { get; } = new();

        public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken) =>
            new Session(this, await inner.OpenAsync(cancellationToken));

        private sealed class Session(WatchedTransport transport, IMailSession inner) : IMailSession
        {
            public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
            {
                transport.Upcoming = message.MessageId;
                await transport.BeforeSend(++transport._sends);
                await inner.SendAsync(message, cancellationToken);
                transport.Accepted.Enqueue(message.MessageId ?? "");
            }

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
