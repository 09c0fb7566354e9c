using System.Security.Claims;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Producers;

namespace Marketplace.Web.Pages.ProducerArea.Bookings;

/// <summary>
/// The producer row of the signed-in account. An account in the Producer role may not have one
/// yet (it is created by the profile form), so callers show a link to /Producer/Profile then.
/// </summary>
public static class SignedInProducer
{
    public const string ProfilePath = "/Producer/Profile";

    public static Task<int?> IdAsync(MarketplaceDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ProducerAccounts.IdOfAsync(db, user, cancellationToken);

    /// <summary>
    /// The producer id the sign-in cookie names, else looked up (<see cref="ProducerAccounts.ClaimedIdOfAsync"/>):
    /// only for work that checks the producer row itself, as booking does.
    /// </summary>
    public static Task<int?> ClaimedIdAsync(MarketplaceDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ProducerAccounts.ClaimedIdOfAsync(db, user, cancellationToken);
}
