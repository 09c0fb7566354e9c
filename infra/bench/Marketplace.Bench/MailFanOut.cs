using System.Diagnostics;
using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using Marketplace.Domain.Mail;
using Marketplace.Infrastructure;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Jobs;
using Marketplace.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Marketplace.Bench;

/// <summary>
/// Mail fan-out: writes the messages to the outbox of a fresh database with the real composer,
/// lets the real sender (<see cref="SendOutboxMessages"/>, SMTP transport) deliver them to the
/// given server, then sends the same messages again with MailKit alone over one connection.
/// Both are warmed first, untimed, as wrk is before each endpoint (<c>--warm</c> more messages,
/// by default a tenth of them up to 2,000): the sender runs first, so without it the sender alone paid for
/// compiling MailKit's, MimeKit's and EF's paths, and raw MailKit found them compiled.
/// Prints one <c>MAIL</c> line of key=value pairs.
/// </summary>
public static class MailFanOut
{
    private const int EnqueueBatch = 5_000;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var count = options.Number("messages", 100_000);
        var warm = options.Number("warm", Math.Min(2_000, count / 10));
        var port = options.Number("smtp-port");
        var file = Path.GetFullPath(options.Text("db"));
        foreach (var stale in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(stale);
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = Path.GetDirectoryName(file),
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Marketplace"] = options.ConnectionString,
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Site:BaseUrl"] = "https://bench.local",
        });
        builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        builder.Services.AddMarketplaceDatabase(builder.Configuration, builder.Environment);
        builder.Services.AddMarketplaceMail(builder.Configuration, builder.Environment);
        // No job server here: the sender is run directly below, as the job would run it.
        builder.Services.AddSingleton<IOutboxKick, NoKick>();
        builder.Services.AddScoped<SendOutboxMessages>();
        using var host = builder.Build();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Database.MigrateAsync();
        }
        await EnqueueAsync(host.Services, 0, warm);
        var warmed = await SendOutboxAsync(host.Services);
        await EnqueueAsync(host.Services, warm, warm + count);

        var outbox = Stopwatch.StartNew();
        var sent = await SendOutboxAsync(host.Services);
        outbox.Stop();

        var all = await LoadAsync(host.Services);
        await SendRawAsync(port, all[..warm]);
        var messages = all[warm..];
        var raw = Stopwatch.StartNew();
        await SendRawAsync(port, messages);
        raw.Stop();

        var outboxRate = sent / outbox.Elapsed.TotalSeconds;
        var rawRate = messages.Count / raw.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"MAIL messages={count} outbox_sent={sent} outbox_s={outbox.Elapsed.TotalSeconds:F1} outbox_rate={outboxRate:F0} "
            + $"raw_sent={messages.Count} raw_s={raw.Elapsed.TotalSeconds:F1} raw_rate={rawRate:F0} ratio={outboxRate / rawRate:F2}"));
        return sent == count && warmed == warm ? 0 : 1;
    }

    /// <summary>Runs the sender as its job would, run after run, until a run finds nothing to send.</summary>
    private static async Task<int> SendOutboxAsync(IServiceProvider services)
    {
        var sent = 0;
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var run = await scope.ServiceProvider.GetRequiredService<SendOutboxMessages>().RunAsync(CancellationToken.None);
            if (run == 0)
            {
                return sent;
            }
            sent += run;
        }
    }

    private static async Task SendRawAsync(int port, IEnumerable<MimeMessage> messages)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        foreach (var message in messages)
        {
            await client.SendAsync(message);
        }
        await client.DisconnectAsync(true);
    }

    /// <summary>Queues messages number <paramref name="from"/> up to (not including) <paramref name="to"/>.</summary>
    private static async Task EnqueueAsync(IServiceProvider services, int from, int to)
    {
        var date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7);
        for (var start = from; start < to; start += EnqueueBatch)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            for (var i = start; i < Math.Min(to, start + EnqueueBatch); i++)
            {
                outbox.Enqueue($"productor{i:D6}@scale.local", $"Productor {i:D6}", "es", "booking-reminder",
                    "BookingReminder", "Huancavelica", outbox.Link("/Producer"),
                    $"Feria de Distrito {i % 100:D3}", date, new TimeOnly(7, 0), $"Plaza {i % 500:D3}", $"A-{i % 20 + 1:D2}");
            }
            await db.SaveChangesAsync();
        }
    }

    /// <summary>The sent messages as MIME, built before the clock starts, the way the sender builds them.</summary>
    private static async Task<List<MimeMessage>> LoadAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var from = MailboxAddress.Parse("Marketplace <no-reply@marketplace.local>");
        // In the order they were queued: the warm-up's first.
        var stored = await db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.Sent).OrderBy(m => m.Id).ToListAsync();
        return stored.Select(m =>
        {
            var mime = new MimeMessage { MessageId = m.MessageId, Subject = m.Subject };
            mime.From.Add(from);
            mime.To.Add(new MailboxAddress(m.ToName ?? "", m.ToAddress));
            mime.Headers.Add(HeaderId.ContentLanguage, m.Culture);
            mime.Date = m.CreatedAtUtc;
            mime.Body = new BodyBuilder { TextBody = m.TextBody, HtmlBody = m.HtmlBody }.ToMessageBody();
            return mime;
        }).ToList();
    }

    private sealed class NoKick : IOutboxKick
    {
        public void Kick()
        {
        }
    }
}
