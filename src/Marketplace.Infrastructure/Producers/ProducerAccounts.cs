using System.Security.Claims;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Producers;

/// <summary>
/// The producer of a signed-in account. A new account in the Producer role has none until it
/// saves its profile the first time; an erased account's row is no longer linked to it.
/// </summary>
public static class ProducerAccounts
{
    /// <summary>
    /// The claim with the account's producer id, added at sign-in
    /// (<c>MarketplaceClaimsPrincipalFactory</c>). It is absent while the account has no producer.
    /// </summary>
    public const string ProducerIdClaim = "mp:producer";

    /// <summary>
    /// The producer id the sign-in cookie names, else <see cref="IdOfAsync"/>. For work that checks
    /// the producer row itself in its own transaction (a booking refuses an erased producer), so it
    /// may trust a cookie issued before the producer was erased.
    /// </summary>
    public static Task<int?> ClaimedIdOfAsync(MarketplaceDbContext db, ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        int.TryParse(user.FindFirstValue(ProducerIdClaim), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? Task.FromResult<int?>(id)
            : IdOfAsync(db, user, cancellationToken);

    /// <summary>The producer's id, or null when the account has no producer (yet).</summary>
    public static async Task<int?> IdOfAsync(MarketplaceDbContext db, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return userId is null ? null : await IdOfUserAsync(db, userId, cancellationToken);
    }

    /// <summary>The producer id of the account with this user id, or null when it has none.</summary>
    public static async Task<int?> IdOfUserAsync(MarketplaceDbContext db, string userId,
        CancellationToken cancellationToken)
    {
        var ids = await db.Producers.AsNoTracking()
            .Where(p => p.UserId == userId && p.DeletedAtUtc == null)
            .Select(p => p.Id)
            .Take(1)
            .ToListAsync(cancellationToken);
        return ids.Count == 0 ? null : ids[0];
    }

    /// <summary>The producer, tracked and with its products, or null when the account has none.</summary>
    public static Task<Producer?> FindAsync(MarketplaceDbContext db, string userId, CancellationToken cancellationToken) =>
        db.Producers
            .Include(p => p.Products)
            .SingleOrDefaultAsync(p => p.UserId == userId && p.DeletedAtUtc == null, cancellationToken);
}
