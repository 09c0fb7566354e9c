namespace Marketplace.Domain.Mail;

public enum OutboxStatus
{
    Pending,
    Sent,
    /// <summary>Gave up after the last attempt; shown to administrators.</summary>
    Failed,
}
