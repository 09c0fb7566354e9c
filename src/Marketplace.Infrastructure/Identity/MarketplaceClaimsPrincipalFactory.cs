using System.Security.Claims;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Producers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Marketplace.Infrastructure.Identity;

/// <summary>
/// Identity's principal plus the account's producer id (<see cref="ProducerAccounts.ProducerIdClaim"/>),
/// written into the sign-in cookie when the account has a producer, and <see cref="TwoFactorClaim"/>
/// when it has turned on two-factor sign-in. It is renewed whenever
/// Identity rebuilds the principal (sign-in, refresh, the security-stamp check).
/// </summary>
public sealed class MarketplaceClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options, MarketplaceDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    /// <summary>Present when the account has two-factor sign-in on (required for staff and administrators).</summary>
    public const string TwoFactorClaim = "mp:2fa";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (await ProducerAccounts.IdOfUserAsync(db, user.Id, CancellationToken.None) is { } producerId)
        {
            identity.AddClaim(new Claim(ProducerAccounts.ProducerIdClaim,
                producerId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(TwoFactorClaim, "on"));
        }
        return identity;
    }
}
