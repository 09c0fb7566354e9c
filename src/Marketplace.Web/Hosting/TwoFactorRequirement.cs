using Marketplace.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Marketplace.Web.Hosting;

/// <summary>
/// Staff and administrators must have turned on two-factor sign-in. The sign-in cookie says so
/// (<see cref="MarketplaceClaimsPrincipalFactory.TwoFactorClaim"/>, rebuilt on every sign-in,
/// refresh and security-stamp check), so the areas ask no database on each request.
/// </summary>
public sealed class TwoFactorRequirement : AuthorizationHandler<TwoFactorRequirement>, IAuthorizationRequirement
{
    /// <summary>Where someone is sent who has the role but not yet an authenticator.</summary>
    public const string EnrolmentPath = "/Identity/Account/Manage/EnableAuthenticator?required=true";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorRequirement requirement)
    {
        if (context.User.HasClaim(c => c.Type == MarketplaceClaimsPrincipalFactory.TwoFactorClaim))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// A signed-in person refused only for lacking two-factor sign-in is sent to set it up, with a
/// word on why, instead of the access-denied page; every other answer is the default one.
/// </summary>
public sealed class TwoFactorEnrolmentRedirect : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden
            && authorizeResult.AuthorizationFailure is { FailedRequirements: var failed }
            && failed.Any() && failed.All(r => r is TwoFactorRequirement))
        {
            context.Response.Redirect(TwoFactorRequirement.EnrolmentPath);
            return Task.CompletedTask;
        }
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
