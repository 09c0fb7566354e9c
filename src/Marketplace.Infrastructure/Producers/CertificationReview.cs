using Marketplace.Domain.Certifications;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Staff;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Producers;

public enum ReviewOutcome
{
    Decided,
    /// <summary>No such certification, or one of a producer outside the staff member's municipalities.</summary>
    NotFound,
    /// <summary>Someone else decided it first (or it was never pending).</summary>
    AlreadyDecided,
}

/// <summary>
/// Staff verify or decline a pending certification of a producer of their municipalities. The
/// decision, and the producer's e-mail or phone notice about it, are saved together; when two
/// staff members decide at the same moment, a conditional update lets only the first one through.
/// </summary>
public sealed class CertificationReview(MarketplaceDbContext db, CertificationMail mail, TimeProvider clock)
{
    public const int MaxReasonLength = 500;

    public Task<ReviewOutcome> VerifyAsync(int certificationId, StaffScope scope, string staffUserId,
        CancellationToken cancellationToken) =>
        DecideAsync(certificationId, scope, cancellationToken, async (certification, now) =>
        {
            certification.Verify(staffUserId, now);
            await mail.VerifiedAsync(certification.Producer!, certification);
        });

    public Task<ReviewOutcome> DeclineAsync(int certificationId, StaffScope scope, string staffUserId, string reason,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return DecideAsync(certificationId, scope, cancellationToken, async (certification, now) =>
        {
            certification.Decline(staffUserId, reason.Trim(), now);
            await mail.DeclinedAsync(certification.Producer!, certification);
        });
    }

    private async Task<ReviewOutcome> DecideAsync(int certificationId, StaffScope scope,
        CancellationToken cancellationToken, Func<Certification, DateTime, Task> decide)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var all = scope.All;
        var municipalities = scope.MunicipalityIds.ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The claim: only while still pending, and only inside the staff member's municipalities.
        var claimed = await db.Certifications
            .Where(c => c.Id == certificationId && c.Status == CertificationStatus.Pending
                && c.Producer!.DeletedAtUtc == null
                && (all || municipalities.Contains(c.Producer.MunicipalityId)))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DecidedAtUtc, now), cancellationToken);
        if (claimed == 0)
        {
            var visible = await db.Certifications.AnyAsync(c => c.Id == certificationId
                && c.Producer!.DeletedAtUtc == null
                && (all || municipalities.Contains(c.Producer.MunicipalityId)), cancellationToken);
            return visible ? ReviewOutcome.AlreadyDecided : ReviewOutcome.NotFound;
        }
        var certification = await db.Certifications.Include(c => c.Producer)
            .SingleAsync(c => c.Id == certificationId, cancellationToken);
        await decide(certification, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ReviewOutcome.Decided;
    }
}
