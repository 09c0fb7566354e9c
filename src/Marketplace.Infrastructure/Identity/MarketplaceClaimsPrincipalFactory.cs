using System.Security.Claims;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Producers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Infrastructure.Identity;

/// <summary>
/// Identity's principal plus the account's producer id (<see cref="ProducerAccounts.ProducerIdClaim"/>),
/// written into the sign-in cookie when the account has a producer. It is renewed whenever
/// Identity rebuilds the principal (sign-in, refresh, the security-stamp check).
/// </summary>
public sealed class MarketplaceClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options, MarketplaceDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var ids = await db.Producers.AsNoTracking()
            .Where(p => p.UserId == user.Id && p.DeletedAtUtc == null)
            .Select(p => p.Id)
            .Take(1)
            .ToListAsync();
        if (ids.Count > 0)
        {
            identity.AddClaim(new Claim(ProducerAccounts.ProducerIdClaim,
                ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return identity;
    }
}
