using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Staff;

/// <summary>What became of a staff decision on a series application.</summary>
public enum ApplicationDecision
{
    Decided,
    /// <summary>Unknown, or of a series organized outside the staff member's municipalities.</summary>
    NotFound,
    /// <summary>Someone decided it first; nothing changed and nobody was told twice.</summary>
    AlreadyDecided,
}

/// <summary>
/// Staff approve or decline a producer's application to a series that requires approval. The
/// decision and the producer's notification (e-mail, or a phone notice for a producer without
/// e-mail) are saved together.
/// </summary>
public sealed class SeriesApplications(MarketplaceDbContext db, ProducerMessenger messenger, Outbox outbox, TimeProvider clock)
{
    public const string ApprovedTemplate = "ApplicationApproved";
    public const string DeclinedTemplate = "ApplicationDeclined";

    public Task<ApplicationDecision> ApproveAsync(int membershipId, StaffScope scope, CancellationToken cancellationToken) =>
        DecideAsync(membershipId, scope, SeriesMembershipStatus.Approved, null, cancellationToken);

    public Task<ApplicationDecision> DeclineAsync(int membershipId, StaffScope scope, string reason,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return DecideAsync(membershipId, scope, SeriesMembershipStatus.Declined, reason.Trim(), cancellationToken);
    }

    /// <summary>
    /// Staff of the organizing municipality approve a producer for a series in one step, with no
    /// application first: the way an assisted producer without e-mail, registered at the office,
    /// gets onto a fair that takes only approved producers. Nothing is sent: the booking that
    /// follows tells the producer. A series organized elsewhere answers <see cref="ApplicationDecision.NotFound"/>.
    /// </summary>
    public async Task<ApplicationDecision> ApproveForAsync(int seriesId, int producerId, StaffScope scope,
        CancellationToken cancellationToken)
    {
        var organizer = await db.FairSeries.AsNoTracking().Where(s => s.Id == seriesId)
            .Select(s => (int?)s.OrganizerMunicipalityId).SingleOrDefaultAsync(cancellationToken);
        if (organizer is not { } organizerId || !scope.Covers(organizerId))
        {
            return ApplicationDecision.NotFound;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        for (var attempt = 0; ; attempt++)
        {
            var membership = await db.SeriesMemberships
                .SingleOrDefaultAsync(m => m.FairSeriesId == seriesId && m.ProducerId == producerId, cancellationToken);
            if (membership?.Status == SeriesMembershipStatus.Approved)
            {
                return ApplicationDecision.AlreadyDecided;
            }
            if (membership is null)
            {
                membership = new SeriesMembership { FairSeriesId = seriesId, ProducerId = producerId, AppliedAtUtc = now };
                db.SeriesMemberships.Add(membership);
            }
            membership.Status = SeriesMembershipStatus.Approved;
            membership.DecisionReason = null;
            membership.DecidedAtUtc = now;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return ApplicationDecision.Decided;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Someone added the membership at the same moment: read it again and decide on it.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// Staff of the fair's venue municipality, who cannot approve for the organizer, apply in the
    /// producer's name: the application joins the organizer's queue like one the producer sent.
    /// </summary>
    public async Task<bool> ApplyForAsync(int seriesId, int producerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var membership = await db.SeriesMemberships
            .SingleOrDefaultAsync(m => m.FairSeriesId == seriesId && m.ProducerId == producerId, cancellationToken);
        if (membership is null)
        {
            db.SeriesMemberships.Add(new SeriesMembership
            {
                FairSeriesId = seriesId, ProducerId = producerId, Status = SeriesMembershipStatus.Applied, AppliedAtUtc = now,
            });
        }
        else if (membership.Status == SeriesMembershipStatus.Declined)
        {
            membership.Status = SeriesMembershipStatus.Applied;
            membership.DecisionReason = null;
            membership.DecidedAtUtc = null;
            membership.AppliedAtUtc = now;
        }
        else
        {
            return false;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException) when (membership is null)
        {
            // A second tap at the same moment: the first one's application stands.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private async Task<ApplicationDecision> DecideAsync(int membershipId, StaffScope scope, SeriesMembershipStatus status,
        string? reason, CancellationToken cancellationToken)
    {
        var membership = await db.SeriesMemberships.AsNoTracking()
            .Where(m => m.Id == membershipId)
            .Select(m => new { m.ProducerId, m.FairSeries!.Name, m.FairSeries.OrganizerMunicipalityId })
            .SingleOrDefaultAsync(cancellationToken);
        if (membership is null || !scope.Covers(membership.OrganizerMunicipalityId))
        {
            return ApplicationDecision.NotFound;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Conditional: of two staff members deciding at once, only the first one's decision counts.
        var changed = await db.SeriesMemberships
            .Where(m => m.Id == membershipId && m.Status == SeriesMembershipStatus.Applied)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.DecisionReason, reason)
                .SetProperty(m => m.DecidedAtUtc, now), cancellationToken);
        if (changed != 1)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return ApplicationDecision.AlreadyDecided;
        }

        var producer = await db.Producers.AsNoTracking().SingleAsync(p => p.Id == membership.ProducerId, cancellationToken);
        var link = outbox.Link("/Producer/Series");
        if (status == SeriesMembershipStatus.Approved)
        {
            await messenger.NotifyAsync(producer, "application-approved", ApprovedTemplate, link, membership.Name);
        }
        else
        {
            await messenger.NotifyAsync(producer, "application-declined", DeclinedTemplate, link, membership.Name, reason!);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ApplicationDecision.Decided;
    }
}
