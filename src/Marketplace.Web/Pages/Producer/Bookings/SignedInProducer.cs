using System.Security.Claims;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.ProducerArea.Bookings;

/// <summary>
/// The producer row of the signed-in account. An account in the Producer role may not have one
/// yet (it is created by the profile form), so callers show a link to /Producer/Profile then.
/// </summary>
public static class SignedInProducer
{
    public const string ProfilePath = "/Producer/Profile";

    public static async Task<int?> IdAsync(MarketplaceDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return null;
        }
        // One producer per account: the user id is unique among producers.
        return await db.Producers.AsNoTracking()
            .Where(p => p.UserId == userId && p.DeletedAtUtc == null)
            .Select(p => (int?)p.Id)
            .SingleOrDefaultAsync(cancellationToken);
    }
}
