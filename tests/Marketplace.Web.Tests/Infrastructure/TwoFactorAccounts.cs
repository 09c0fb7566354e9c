using Marketplace.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// Gives an account made by a test the demo staff's authenticator key with two-factor sign-in on,
/// as enrolling through the pages would, so <see cref="Forms.SignInAsync"/> signs it in with a code.
/// </summary>
public static class TwoFactorAccounts
{
    public static async Task EnableAsync(IServiceProvider services, AppUser user,
        string key = MarketplaceFactory.DemoAuthenticatorKey)
    {
        var keys = (IUserAuthenticatorKeyStore<AppUser>)services.GetRequiredService<IUserStore<AppUser>>();
        await keys.SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
        var enabled = await services.GetRequiredService<UserManager<AppUser>>().SetTwoFactorEnabledAsync(user, true);
        Assert.True(enabled.Succeeded);
    }
}
