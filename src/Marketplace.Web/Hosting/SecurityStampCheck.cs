using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Hosting;

/// <summary>
/// Identity compares a sign-in cookie's security stamp with the account's once every
/// <see cref="SecurityStampValidatorOptions.ValidationInterval"/> (30 minutes by default), but it
/// builds its validator — the sign-in manager, the user manager, a DbContext — on every request
/// only to learn that the time has not come. This asks the same question first and leaves the
/// cookies that are due to Identity, so sign-outs elsewhere and changed passwords end old
/// sessions as before.
/// </summary>
public static class SecurityStampCheck
{
    public static Func<CookieValidatePrincipalContext, Task> OnlyWhenDue(Func<CookieValidatePrincipalContext, Task> validate) =>
        context =>
        {
            var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
            var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
            // Identity's own test (SecurityStampValidator.ValidateAsync): a cookie without an issue
            // time, or older than the interval, is checked.
            return context.Properties.IssuedUtc is { } issued && now - issued <= options.ValidationInterval
                ? Task.CompletedTask
                : validate(context);
        };
}
