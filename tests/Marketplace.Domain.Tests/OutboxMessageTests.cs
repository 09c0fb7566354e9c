using Marketplace.Domain.Mail;
using Xunit;

namespace Marketplace.Domain.Tests;

public class OutboxMessageTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    private static OutboxMessage NewMessage() => OutboxMessage.Create(
        "ana@example.org", "Ana Quispe", "Booking confirmed", "Your stall A-01 is confirmed.", "<p>Confirmed</p>",
        "es", "booking-confirmed", "mail.marketplace.local", Now);

    [Fact]
    public void A_new_message_gets_a_message_id_at_the_given_domain()
    {
        var message = NewMessage();

        Assert.EndsWith("@mail.marketplace.local", message.MessageId);
        Assert.Equal($"{message.Id:N}@mail.marketplace.local", message.MessageId);
        Assert.DoesNotContain('<', message.MessageId);
    }

    [Fact]
    public void A_new_message_is_pending_and_due_at_once()
    {
        var message = NewMessage();

        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(Now, message.CreatedAtUtc);
        Assert.Equal(Now, message.NextAttemptAtUtc);
        Assert.Equal(0, message.Attempts);
        Assert.Null(message.LastError);
        Assert.Null(message.SentAtUtc);
        Assert.Equal("ana@example.org", message.ToAddress);
        Assert.Equal("Ana Quispe", message.ToName);
        Assert.Equal("Booking confirmed", message.Subject);
        Assert.Equal("es", message.Culture);
        Assert.Equal("booking-confirmed", message.Kind);
    }

    [Fact]
    public void Two_messages_get_different_message_ids()
    {
        Assert.NotEqual(NewMessage().MessageId, NewMessage().MessageId);
    }

    [Fact]
    public void Failed_attempts_are_retried_after_growing_delays()
    {
        var message = NewMessage();
        var delays = new List<TimeSpan>();

        for (var attempt = 1; attempt <= OutboxMessage.RetryDelays.Count; attempt++)
        {
            var failedAt = Now.AddDays(attempt);
            message.MarkAttemptFailed($"421 try again later ({attempt})", failedAt);

            Assert.Equal(OutboxStatus.Pending, message.Status);
            Assert.Equal(attempt, message.Attempts);
            delays.Add(message.NextAttemptAtUtc - failedAt);
        }

        Assert.Equal(OutboxMessage.RetryDelays, delays);
        Assert.All(delays.Zip(delays.Skip(1)), pair => Assert.True(pair.Second > pair.First));
        Assert.Equal(TimeSpan.FromMinutes(1), delays[0]);
    }

    [Fact]
    public void A_message_fails_for_good_after_one_attempt_more_than_there_are_retry_delays()
    {
        var message = NewMessage();
        for (var attempt = 1; attempt <= OutboxMessage.RetryDelays.Count; attempt++)
        {
            message.MarkAttemptFailed("connection refused", Now);
        }
        Assert.Equal(OutboxStatus.Pending, message.Status);

        message.MarkAttemptFailed("connection refused", Now);

        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Equal(OutboxMessage.RetryDelays.Count + 1, message.Attempts);
        Assert.Equal("connection refused", message.LastError);
    }

    [Fact]
    public void The_message_id_never_changes_across_retries()
    {
        var message = NewMessage();
        var messageId = message.MessageId;

        for (var attempt = 0; attempt <= OutboxMessage.RetryDelays.Count; attempt++)
        {
            message.MarkAttemptFailed("timeout", Now.AddHours(attempt));
            Assert.Equal(messageId, message.MessageId);
        }
    }

    [Fact]
    public void A_failed_attempt_releases_the_lease_and_keeps_a_bounded_error()
    {
        var message = NewMessage();
        message.LeaseId = Guid.NewGuid();
        message.LeasedUntilUtc = Now.AddMinutes(5);

        message.MarkAttemptFailed(new string('x', 5000), Now);

        Assert.Null(message.LeaseId);
        Assert.Null(message.LeasedUntilUtc);
        Assert.Equal(2000, message.LastError!.Length);
    }

    [Fact]
    public void Marking_sent_records_the_time_counts_the_attempt_and_clears_lease_and_error()
    {
        var message = NewMessage();
        var messageId = message.MessageId;
        message.MarkAttemptFailed("timeout", Now);
        message.LeaseId = Guid.NewGuid();
        message.LeasedUntilUtc = Now.AddMinutes(6);

        message.MarkSent(Now.AddMinutes(2));

        Assert.Equal(OutboxStatus.Sent, message.Status);
        Assert.Equal(Now.AddMinutes(2), message.SentAtUtc);
        Assert.Equal(2, message.Attempts);
        Assert.Null(message.LastError);
        Assert.Null(message.LeaseId);
        Assert.Null(message.LeasedUntilUtc);
        Assert.Equal(messageId, message.MessageId);
    }
}
