using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Domain.Mail;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests;

/// <summary>
/// The administrators' view of e-mails that failed: only administrators see it, a failed message
/// is listed with its last error, and "Send again" puts it back in the queue.
/// </summary>
public class AdminOutboxTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/Admin")]
    [InlineData("/Admin/Outbox")]
    public async Task An_anonymous_visitor_is_sent_to_sign_in(string path)
    {
        var client = site.CreateBrowserClient();

        var response = await client.GetAsync(path, Token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", Target(response));
    }

    [Theory]
    [InlineData("/Admin")]
    [InlineData("/Admin/Outbox")]
    public async Task A_producer_is_denied(string path)
    {
        var failed = await InsertFailedAsync();
        var client = await SignedInAsync("producer@demo.local");

        var response = await client.GetAsync(path, Token);

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect
                && Target(response).StartsWith("/Identity/Account/AccessDenied", StringComparison.Ordinal)),
            $"got {(int)response.StatusCode} {response.Headers.Location}");
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.DoesNotContain(failed.ToAddress, body);
    }

    [Fact]
    public async Task A_producer_cannot_send_a_failed_message_again()
    {
        var failed = await InsertFailedAsync();
        var client = await SignedInAsync("producer@demo.local");

        var response = await client.PostAsync($"/Admin/Outbox?handler=Retry&id={failed.Id}",
            new FormUrlEncodedContent([]), Token);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OutboxStatus.Failed, (await ReloadAsync(failed.Id)).Status);
    }

    [Fact]
    public async Task The_administrator_sees_a_failed_message_with_its_last_error()
    {
        var failed = await InsertFailedAsync();
        var client = await SignedInAsync("admin@demo.local");

        var response = await client.GetAsync("/Admin/Outbox", Token);
        var body = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<caption>", body);
        Assert.Contains(failed.ToAddress, body);
        Assert.Contains(failed.LastError!, body);
        Assert.Matches($"<form method=\"post\"[^>]* action=\"/Admin/Outbox\\?(?=[^\"]*handler=Retry)[^\"]*id={failed.Id}", body);
    }

    [Fact]
    public async Task The_status_filter_shows_only_that_status()
    {
        var failed = await InsertFailedAsync();
        var retrying = await InsertAsync(m =>
        {
            m.Attempts = 2;
            m.LastError = "421 4.7.0 Try again later";
            // Not due for a long time, so the sender leaves it alone during the test.
            m.NextAttemptAtUtc = DateTime.UtcNow.AddDays(1);
        });
        var quiet = await InsertAsync(m => m.NextAttemptAtUtc = DateTime.UtcNow.AddDays(1));
        var client = await SignedInAsync("admin@demo.local");

        var all = await client.GetStringAsync("/Admin/Outbox", Token);
        var onlyFailed = await client.GetStringAsync("/Admin/Outbox?status=Failed", Token);
        var onlyPending = await client.GetStringAsync("/Admin/Outbox?status=Pending", Token);

        Assert.Contains(failed.ToAddress, all);
        Assert.Contains(retrying.ToAddress, all);
        Assert.DoesNotContain(quiet.ToAddress, all);
        Assert.Contains(failed.ToAddress, onlyFailed);
        Assert.DoesNotContain(retrying.ToAddress, onlyFailed);
        Assert.Contains(retrying.ToAddress, onlyPending);
        Assert.DoesNotContain(failed.ToAddress, onlyPending);
    }

    [Fact]
    public async Task Send_again_puts_a_failed_message_back_in_the_queue()
    {
        var failed = await InsertFailedAsync();
        var client = await SignedInAsync("admin@demo.local");
        var before = DateTime.UtcNow;

        var response = await Forms.PostAsync(client, "/Admin/Outbox?status=Failed", new Dictionary<string, string>(),
            $"/Admin/Outbox?handler=Retry&id={failed.Id}&status=Failed");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Target(response);
        Assert.Equal("/Admin/Outbox?status=Failed", location);
        var row = await ReloadAsync(failed.Id);
        // The minutely sweep may already have sent it: then it went through pending with no attempts.
        Assert.True(row is { Status: OutboxStatus.Pending, Attempts: 0 } or { Status: OutboxStatus.Sent, Attempts: 1 },
            $"status {row.Status}, attempts {row.Attempts}");
        if (row.Status == OutboxStatus.Pending)
        {
            Assert.InRange(row.NextAttemptAtUtc, before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
            Assert.Equal(failed.LastError, row.LastError);
        }

        var page = await client.GetStringAsync(location, Token);
        Assert.Contains("role=\"status\"", page);
        Assert.Contains(failed.ToAddress, page);
    }

    [Fact]
    public async Task Send_again_leaves_a_message_that_is_not_failed_alone()
    {
        var pending = await InsertAsync(m =>
        {
            m.Attempts = 3;
            m.LastError = "421 4.7.0 Try again later";
            m.NextAttemptAtUtc = DateTime.UtcNow.AddDays(1);
        });
        var client = await SignedInAsync("admin@demo.local");

        var response = await Forms.PostAsync(client, "/Admin/Outbox", new Dictionary<string, string>(),
            $"/Admin/Outbox?handler=Retry&id={pending.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Admin/Outbox", Target(response));
        var row = await ReloadAsync(pending.Id);
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.Equal(3, row.Attempts);
        Assert.Equal(pending.NextAttemptAtUtc, row.NextAttemptAtUtc, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Send_again_for_an_unknown_message_is_not_found()
    {
        var client = await SignedInAsync("admin@demo.local");

        var response = await Forms.PostAsync(client, "/Admin/Outbox", new Dictionary<string, string>(),
            $"/Admin/Outbox?handler=Retry&id={Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Send_again_without_the_antiforgery_token_is_refused()
    {
        var failed = await InsertFailedAsync();
        var client = await SignedInAsync("admin@demo.local");

        var response = await client.PostAsync($"/Admin/Outbox?handler=Retry&id={failed.Id}",
            new FormUrlEncodedContent([]), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(OutboxStatus.Failed, (await ReloadAsync(failed.Id)).Status);
    }

    [Fact]
    public async Task The_admin_home_shows_the_mail_counts()
    {
        await InsertFailedAsync();
        await InsertAsync(m =>
        {
            m.Status = OutboxStatus.Sent;
            m.Attempts = 1;
            m.SentAtUtc = DateTime.UtcNow.AddMinutes(-5);
        });
        var failedCount = await site.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Failed, Token));
        var client = await SignedInAsync("admin@demo.local");

        var response = await client.GetAsync("/Admin?culture=en", Token);
        var body = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(failedCount, Count(body, "failed"));
        Assert.InRange(Count(body, "pending"), 0, int.MaxValue);
        Assert.True(Count(body, "sent") >= 1);
        Assert.Contains("href=\"/Admin/Outbox\"", body);
        Assert.Contains("href=\"/hangfire\"", body);
    }

    /// <summary>Where a redirect points, as path and query (the location may be absolute or relative).</summary>
    private static string Target(HttpResponseMessage response)
    {
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = site.CreateBrowserClient();
        var signIn = await Forms.SignInAsync(client, email, MarketplaceFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    private Task<OutboxMessage> InsertFailedAsync() =>
        InsertAsync(m =>
        {
            m.Status = OutboxStatus.Failed;
            m.Attempts = OutboxMessage.RetryDelays.Count + 1;
            m.LastError = $"550 5.1.1 Mailbox unavailable {Guid.NewGuid():N}";
        });

    private async Task<OutboxMessage> InsertAsync(Action<OutboxMessage> shape)
    {
        var message = OutboxMessage.Create($"buzon.{Guid.NewGuid():N}@example.org", null, "Reserva confirmada",
            "Texto", null, "es", "booking-confirmed", "marketplace.test", DateTime.UtcNow.AddMinutes(-30));
        shape(message);
        await site.WithDbAsync(async db =>
        {
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync(Token);
        });
        return message;
    }

    private Task<OutboxMessage> ReloadAsync(Guid id) =>
        site.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, Token));

    /// <summary>The number shown in the <c>dd</c> with id <c>count-NAME</c> (English grouping).</summary>
    private static int Count(string html, string name)
    {
        var match = Regex.Match(html, $"<dd id=\"count-{name}\">([0-9,]+)</dd>");
        Assert.True(match.Success, $"no count-{name} on the page");
        return int.Parse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
    }
}
