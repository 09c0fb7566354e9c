using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Areas.Identity;

/// <summary>
/// Where an account lands after signing in with no page to return to: a producer in its own area
/// (its profile form while it has no profile yet), everyone else on the home page.
/// </summary>
public static class AccountLanding
{
    public const string ProducerArea = "/Producer";
    public const string ProducerProfile = "/Producer/Profile";

    public static async Task<string> ForAsync(UserManager<AppUser> users, MarketplaceDbContext db, AppUser user,
        CancellationToken cancellationToken)
    {
        if (!await users.IsInRoleAsync(user, Roles.Producer))
        {
            return "/";
        }
        var hasProfile = await db.Producers.AnyAsync(p => p.UserId == user.Id && p.DeletedAtUtc == null, cancellationToken);
        return hasProfile ? ProducerArea : ProducerProfile;
    }
}
