using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Bookings;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Privacy;

/// <summary>
/// Deletes an account at its owner's request (Ley 29733, LGPD), in one transaction. The producer
/// row stays, anonymized, so that past bookings still count in the municipality's statistics;
/// everything that names or describes the person goes.
/// </summary>
/// <remarks>
/// E-mails to the address that are still in the outbox are deleted too, sent or not: a booking
/// reminder reaching someone who has just left the site would only confuse, and the sent ones
/// are personal data with no further use. A message a sender is delivering at this very moment
/// (under a live lease) is left to finish, so the sender never loses track of it.
/// </remarks>
public sealed class AccountEraser(MarketplaceDbContext db, UserManager<AppUser> users, BookingDesk desk, TimeProvider clock)
{
    /// <summary>How often the erasure is tried again when it collides with a booking of the same stalls.</summary>
    private const int MaxAttempts = 5;

    /// <summary>What an anonymized producer is called; pages show a localized label instead.</summary>
    public const string DeletedDisplayName = "—";

    /// <summary>
    /// Erases <paramref name="user"/>. Future bookings are cancelled and their stalls offered to
    /// the waitlist; the caller signs the person out.
    /// </summary>
    public async Task<IdentityResult> EraseAsync(AppUser user, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await EraseOnceAsync(user, cancellationToken);
            }
            catch (Exception e) when (attempt < MaxAttempts && DatabaseConflicts.IsRetryable(e))
            {
                // A waitlist offer or stall taken meanwhile: start again on fresh data.
                db.ChangeTracker.Clear();
                user = await users.FindByIdAsync(user.Id) ?? user;
            }
        }
    }

    private async Task<IdentityResult> EraseOnceAsync(AppUser user, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var producer = await db.Producers.SingleOrDefaultAsync(p => p.UserId == user.Id, cancellationToken);
        if (producer is not null)
        {
            await AnonymizeAsync(producer, now, cancellationToken);
        }
        if (user.Email is { } email)
        {
            await db.OutboxMessages
                .Where(m => m.ToAddress == email && (m.LeasedUntilUtc == null || m.LeasedUntilUtc < now))
                .ExecuteDeleteAsync(cancellationToken);
        }

        var result = await users.DeleteAsync(user);
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return result;
        }
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task AnonymizeAsync(Producer producer, DateTime now, CancellationToken cancellationToken)
    {
        // Bookings of fair days still to come are cancelled; those that took place are kept as they are.
        await desk.WithdrawAsync(producer.Id, cancellationToken);

        var documentIds = await db.Certifications
            .Where(c => c.ProducerId == producer.Id && c.DocumentFileId != null)
            .Select(c => c.DocumentFileId!.Value)
            .ToListAsync(cancellationToken);
        await db.Certifications.Where(c => c.ProducerId == producer.Id).ExecuteDeleteAsync(cancellationToken);
        await db.SeriesMemberships.Where(m => m.ProducerId == producer.Id).ExecuteDeleteAsync(cancellationToken);
        await db.PhoneNotices.Where(n => n.ProducerId == producer.Id).ExecuteDeleteAsync(cancellationToken);

        var fileIds = documentIds;
        if (producer.PhotoFileId is { } photoId)
        {
            fileIds.Add(photoId);
        }
        producer.DisplayName = DeletedDisplayName;
        producer.Community = null;
        producer.Phone = null;
        producer.Story = null;
        producer.ProductsNote = null;
        producer.ContactName = null;
        producer.NationalId = null;
        producer.PhotoFileId = null;
        producer.CalendarTokenHash = null;
        producer.CalendarTokenCipher = null;
        producer.IsPhonePublic = false;
        producer.IsStoryPublic = false;
        producer.IsCommunityPublic = false;
        producer.IsContactPublic = false;
        producer.IsPhotoPublic = false;
        producer.UserId = null;
        producer.DeletedAtUtc = now;
        await db.SaveChangesAsync(cancellationToken);

        // Only now that nothing points at them: the photo, the documents and any other file of the producer.
        var producerId = producer.Id;
        await db.StoredFiles
            .Where(f => f.OwnerProducerId == producerId || fileIds.Contains(f.Id))
            .ExecuteDeleteAsync(cancellationToken);
    }
}
