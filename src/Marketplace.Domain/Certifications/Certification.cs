using Marketplace.Domain.Producers;

namespace Marketplace.Domain.Certifications;

/// <summary>
/// A producer's certification with its document. Staff of the producer's municipality verify
/// or decline it; the organic badge shows only while it is verified and valid.
/// </summary>
public class Certification
{
    public int Id { get; set; }
    public int ProducerId { get; set; }
    public Producer? Producer { get; set; }
    public CertificationKind Kind { get; set; }
    /// <summary>Third-party certifier's name.</summary>
    public string? Certifier { get; set; }
    /// <summary>Certificate code given by the certifier.</summary>
    public string? Code { get; set; }
    /// <summary>Participatory guarantee system group.</summary>
    public string? GroupName { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidTo { get; set; }
    public Guid? DocumentFileId { get; set; }
    public CertificationStatus Status { get; set; }
    public string? DecisionReason { get; set; }
    public string? DecidedByUserId { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>When the 30-days-before-expiry reminder went out (due work, swept by a job).</summary>
    public DateTime? ExpiryReminderSentAtUtc { get; set; }
    /// <summary>How many days before the end of its validity the producer is reminded to renew.</summary>
    public const int ExpiryReminderLeadDays = 30;

    /// <summary>
    /// A certification ending on <paramref name="validTo"/> is due for its renewal reminder while it
    /// is still valid on <paramref name="today"/> and ends at most <see cref="ExpiryReminderLeadDays"/> days later.
    /// </summary>
    public static bool IsExpiryReminderDue(DateOnly validTo, DateOnly today) =>
        today <= validTo && validTo <= today.AddDays(ExpiryReminderLeadDays);


    /// <summary>The organic badge: verified, organic (not in transition) and valid on that local date.</summary>
    public bool GivesOrganicBadgeOn(DateOnly today) =>
        Status == CertificationStatus.Verified
        && Kind != CertificationKind.InTransition
        && ValidFrom <= today && today <= ValidTo;

    public void Verify(string staffUserId, DateTime utcNow)
    {
        Status = CertificationStatus.Verified;
        DecisionReason = null;
        DecidedByUserId = staffUserId;
        DecidedAtUtc = utcNow;
    }

    public void Decline(string staffUserId, string reason, DateTime utcNow)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Status = CertificationStatus.Declined;
        DecisionReason = reason;
        DecidedByUserId = staffUserId;
        DecidedAtUtc = utcNow;
    }
}
